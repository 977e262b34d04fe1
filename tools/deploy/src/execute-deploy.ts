import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  GetFunctionConfigurationCommand,
  type LambdaClient,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import type { Clock } from '@spapi-lake/core';
import { DeployStepError } from './errors';
import type { DeployClients, DeployPlan, FunctionStep } from './plan-deploy';

/** What a deploy did to one function. */
export interface FunctionOutcome {
  readonly functionName: string;
  readonly previousVersion: string;
  /** The version the alias points at afterwards. */
  readonly liveVersion: string;
  readonly changed: boolean;
}

/** Options of {@link executeDeploy}. */
export interface ExecuteDeployOptions {
  readonly clock: Clock;
  /** Between polls of LastUpdateStatus after a code update. Default 1 s. */
  readonly pollIntervalMs?: number;
  /** Give up waiting for a code update after this long. Default 5 min. */
  readonly updateTimeoutMs?: number;
}

async function waitForUpdate(
  lambda: LambdaClient,
  functionName: string,
  options: ExecuteDeployOptions,
): Promise<string | undefined> {
  const deadline = options.clock.now() + (options.updateTimeoutMs ?? 300_000);
  for (;;) {
    const config = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: functionName }),
    );
    if (config.LastUpdateStatus === 'Successful') return config.RevisionId;
    if (config.LastUpdateStatus === 'Failed') {
      throw new DeployStepError(
        `The code update of ${functionName} failed: ${config.LastUpdateStatusReason ?? 'no reason given'}`,
      );
    }
    if (options.clock.now() >= deadline) {
      throw new DeployStepError(`The code update of ${functionName} did not finish in time`);
    }
    await options.clock.sleep(options.pollIntervalMs ?? 1000);
  }
}

async function deployFunction(
  lambda: LambdaClient,
  plan: DeployPlan,
  step: FunctionStep,
  options: ExecuteDeployOptions,
): Promise<FunctionOutcome> {
  const { functionName } = step;
  if (!step.publish) {
    return {
      functionName,
      previousVersion: step.liveVersion,
      liveVersion: step.liveVersion,
      changed: false,
    };
  }
  let revisionId = step.latestRevisionId;
  if (step.updateCode) {
    try {
      await lambda.send(
        new UpdateFunctionCodeCommand({
          FunctionName: functionName,
          S3Bucket: plan.bucket,
          S3Key: plan.key,
          // Refuses the update when someone changed the function since the plan read it.
          RevisionId: revisionId,
          Publish: false,
        }),
      );
    } catch (error) {
      throw new DeployStepError(`UpdateFunctionCode of ${functionName} failed`, { cause: error });
    }
    revisionId = await waitForUpdate(lambda, functionName, options);
  }
  let version: string | undefined;
  try {
    const published = await lambda.send(
      new PublishVersionCommand({
        FunctionName: functionName,
        // Publishes only if $LATEST runs exactly the artifact.
        CodeSha256: plan.artifact.sha256Base64,
        RevisionId: revisionId,
        Description: `${plan.app} ${plan.artifact.sha256Hex.slice(0, 12)}`,
      }),
    );
    version = published.Version;
  } catch (error) {
    throw new DeployStepError(`PublishVersion of ${functionName} failed`, { cause: error });
  }
  if (version === undefined)
    throw new DeployStepError(`PublishVersion of ${functionName} gave no version`);
  try {
    await lambda.send(
      new UpdateAliasCommand({
        FunctionName: functionName,
        Name: plan.alias,
        FunctionVersion: version,
        RevisionId: step.aliasRevisionId,
      }),
    );
  } catch (error) {
    throw new DeployStepError(`Moving ${functionName}:${plan.alias} to ${version} failed`, {
      cause: error,
    });
  }
  return { functionName, previousVersion: step.liveVersion, liveVersion: version, changed: true };
}

/**
 * Carries out a plan: uploads the artifact (content-addressed, checksum verified by S3), then per
 * function updates the code, waits for the update, publishes a version guarded by the artifact's
 * SHA-256 and moves the alias to it. Functions are deployed one after the other; the first failure
 * stops the deploy (functions already moved stay on the new version).
 */
export async function executeDeploy(
  clients: DeployClients,
  plan: DeployPlan,
  options: ExecuteDeployOptions,
): Promise<FunctionOutcome[]> {
  if (plan.upload) {
    try {
      await clients.s3.send(
        new PutObjectCommand({
          Bucket: plan.bucket,
          Key: plan.key,
          Body: plan.artifact.bytes,
          ContentType: 'application/zip',
          ChecksumSHA256: plan.artifact.sha256Base64,
        }),
      );
    } catch (error) {
      throw new DeployStepError(`Uploading s3://${plan.bucket}/${plan.key} failed`, {
        cause: error,
      });
    }
  }
  const outcomes: FunctionOutcome[] = [];
  for (const step of plan.functions) {
    outcomes.push(await deployFunction(clients.lambda, plan, step, options));
  }
  return outcomes;
}
