import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { systemClock } from '@spapi-lake/core';
import { readArtifact } from './artifact';
import { parseDeployArguments } from './deploy-arguments';
import { readDeployManifest } from './deploy-manifest';
import { executeDeploy } from './execute-deploy';
import { formatOutcomes, formatPlan } from './format-plan';
import { planDeploy } from './plan-deploy';

// `nx run <app>:deploy [-- --dry-run]`: one app's zip to every function that runs it. Credentials
// and region come from the usual AWS environment (AWS_PROFILE, AWS_REGION, ...).
async function main(): Promise<void> {
  const args = parseDeployArguments(process.argv.slice(2), process.env);
  const clients = { lambda: new LambdaClient({}), s3: new S3Client({}) };
  const manifest = await readDeployManifest(new SSMClient({}), args.manifestParameter);
  const plan = await planDeploy(clients, {
    app: args.app,
    manifest,
    artifact: await readArtifact(args.artifactPath),
  });
  for (const line of formatPlan(plan)) console.log(line);
  if (args.dryRun) {
    console.log('dry run: nothing was changed');
    return;
  }
  const outcomes = await executeDeploy(clients, plan, { clock: systemClock });
  for (const line of formatOutcomes(plan.alias, outcomes)) console.log(line);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const cause =
    error instanceof Error && error.cause instanceof Error
      ? ` (${error.cause.name}: ${error.cause.message})`
      : '';
  console.error(`deploy failed: ${message}${cause}`);
  process.exit(error instanceof Error && error.name === 'DeployUsageError' ? 2 : 1);
});
