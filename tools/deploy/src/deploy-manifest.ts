import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { z } from 'zod';
import { DeployManifestError } from './errors';

/** What infra publishes in SSM (`deploy_manifest_parameter`): per app, the functions it runs in. */
export const DeployManifestSchema = z.object({
  artifactBucket: z.string().min(3),
  alias: z.string().min(1),
  apps: z.record(z.string(), z.array(z.string().min(1)).min(1)),
});
export type DeployManifest = z.infer<typeof DeployManifestSchema>;

/** Reads and validates the manifest; throws DeployManifestError naming the parameter. */
export async function readDeployManifest(
  ssm: SSMClient,
  parameterName: string,
): Promise<DeployManifest> {
  let value: string | undefined;
  try {
    const answer = await ssm.send(new GetParameterCommand({ Name: parameterName }));
    value = answer.Parameter?.Value;
  } catch (error) {
    throw new DeployManifestError(
      `Cannot read the deploy manifest ${parameterName} (is the stack applied in this account and region?)`,
      { cause: error },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value ?? '');
  } catch (error) {
    throw new DeployManifestError(`The deploy manifest ${parameterName} is not JSON`, {
      cause: error,
    });
  }
  const manifest = DeployManifestSchema.safeParse(parsed);
  if (!manifest.success) {
    throw new DeployManifestError(
      `The deploy manifest ${parameterName} is not valid: ${manifest.error.message}`,
    );
  }
  return manifest.data;
}
