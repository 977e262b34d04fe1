import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  type FunctionConfiguration,
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { type Artifact, artifactKey } from './artifact';
import type { DeployManifest } from './deploy-manifest';
import { DeployManifestError, DeployStepError } from './errors';

/** The AWS clients a deploy uses. */
export interface DeployClients {
  readonly lambda: LambdaClient;
  readonly s3: S3Client;
}

/** What happens to one function. */
export interface FunctionStep {
  readonly functionName: string;
  /** The version the alias points at now. */
  readonly liveVersion: string;
  /** $LATEST runs other code than the artifact: UpdateFunctionCode. */
  readonly updateCode: boolean;
  /** The alias does not run what $LATEST will be (code or configuration): publish and move it. */
  readonly publish: boolean;
  readonly reason: string;
  readonly latestRevisionId: string | undefined;
  readonly aliasRevisionId: string | undefined;
}

/** The whole deploy of one app, computed from read-only calls (what --dry-run prints). */
export interface DeployPlan {
  readonly app: string;
  readonly alias: string;
  readonly artifact: Artifact;
  readonly bucket: string;
  readonly key: string;
  /** The artifact is not in the bucket yet and some function needs it. */
  readonly upload: boolean;
  readonly functions: readonly FunctionStep[];
}

// Published versions snapshot the configuration too: a Terraform change of memory, timeout or
// environment reaches the alias only through a new version.
function configurationOf(config: FunctionConfiguration): string {
  return JSON.stringify({
    handler: config.Handler,
    runtime: config.Runtime,
    memorySize: config.MemorySize,
    timeout: config.Timeout,
    role: config.Role,
    environment: Object.entries(config.Environment?.Variables ?? {}).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    ),
    architectures: config.Architectures,
    tracing: config.TracingConfig?.Mode,
    layers: (config.Layers ?? []).map((layer) => layer.Arn),
    ephemeralStorage: config.EphemeralStorage?.Size,
    logging: config.LoggingConfig,
  });
}

async function planFunction(
  lambda: LambdaClient,
  functionName: string,
  alias: string,
  artifact: Artifact,
): Promise<FunctionStep> {
  let latest: FunctionConfiguration;
  let aliasVersion: string | undefined;
  let aliasRevisionId: string | undefined;
  let live: FunctionConfiguration;
  try {
    latest = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
    const answer = await lambda.send(
      new GetAliasCommand({ FunctionName: functionName, Name: alias }),
    );
    aliasVersion = answer.FunctionVersion;
    aliasRevisionId = answer.RevisionId;
    live = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: functionName, Qualifier: aliasVersion }),
    );
  } catch (error) {
    throw new DeployStepError(`Cannot read ${functionName} or its ${alias} alias`, {
      cause: error,
    });
  }
  const updateCode = latest.CodeSha256 !== artifact.sha256Base64;
  const liveRunsArtifact = live.CodeSha256 === artifact.sha256Base64;
  const configurationChanged = configurationOf(latest) !== configurationOf(live);
  const publish =
    aliasVersion === '$LATEST' || updateCode || !liveRunsArtifact || configurationChanged;
  const reason = updateCode
    ? 'code changed'
    : !liveRunsArtifact
      ? `${alias} runs older code than $LATEST`
      : configurationChanged
        ? 'configuration changed since the live version'
        : 'up to date';
  return {
    functionName,
    liveVersion: aliasVersion ?? '?',
    updateCode,
    publish,
    reason,
    latestRevisionId: latest.RevisionId,
    aliasRevisionId,
  };
}

async function objectExists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'NotFound' || name === 'NoSuchKey') return false;
    throw new DeployStepError(`Cannot check s3://${bucket}/${key}`, { cause: error });
  }
}

/**
 * Reads what runs now and decides, per function of `app` in the manifest, whether its code must be
 * updated and whether a version must be published and the alias moved. Makes no change.
 */
export async function planDeploy(
  clients: DeployClients,
  input: { readonly app: string; readonly manifest: DeployManifest; readonly artifact: Artifact },
): Promise<DeployPlan> {
  const functionNames = input.manifest.apps[input.app];
  if (functionNames === undefined) {
    throw new DeployManifestError(
      `The deploy manifest has no functions for ${input.app} (it has ${Object.keys(input.manifest.apps).sort().join(', ')})`,
    );
  }
  const functions: FunctionStep[] = [];
  for (const functionName of functionNames) {
    functions.push(
      await planFunction(clients.lambda, functionName, input.manifest.alias, input.artifact),
    );
  }
  const bucket = input.manifest.artifactBucket;
  const key = artifactKey(input.app, input.artifact);
  const upload =
    functions.some((step) => step.updateCode) && !(await objectExists(clients.s3, bucket, key));
  return {
    app: input.app,
    alias: input.manifest.alias,
    artifact: input.artifact,
    bucket,
    key,
    upload,
    functions,
  };
}
