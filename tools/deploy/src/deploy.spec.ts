import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Clock } from '@spapi-lake/core';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { type Artifact, readArtifact } from './artifact';
import { type DeployManifest, readDeployManifest } from './deploy-manifest';
import { DeployManifestError, DeployStepError } from './errors';
import { executeDeploy } from './execute-deploy';
import { formatOutcomes, formatPlan } from './format-plan';
import { planDeploy } from './plan-deploy';

const lambda = mockClient(LambdaClient);
const s3 = mockClient(S3Client);
const ssm = mockClient(SSMClient);
const clients = { lambda: new LambdaClient({}), s3: new S3Client({}) };

const manifest: DeployManifest = {
  artifactBucket: 'lake-artifacts',
  alias: 'live',
  apps: {
    'report-creator': ['prod-create-report', 'prod-plan-windows'],
    'token-broker': ['prod-token-broker'],
  },
};

/** A clock that only moves when the code sleeps. */
function steppingClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
  };
}

let artifact: Artifact;
beforeAll(async () => {
  const zip = path.join(mkdtempSync(path.join(tmpdir(), 'deploy-')), 'report-creator.zip');
  writeFileSync(zip, 'new bundle');
  artifact = await readArtifact(zip);
});

const config = (overrides: Partial<FunctionConfiguration>): FunctionConfiguration => ({
  Handler: 'main.createReport',
  Runtime: 'nodejs22.x',
  MemorySize: 512,
  Timeout: 60,
  Role: 'arn:aws:iam::123456789012:role/x',
  Environment: { Variables: { A: '1' } },
  Architectures: ['arm64'],
  ...overrides,
});

/** Lambda as it is before the deploy: $LATEST, the live alias and the version it points at. */
function functionState(
  functionName: string,
  state: { latest: FunctionConfiguration; liveVersion: string; live: FunctionConfiguration },
): void {
  lambda
    .on(GetFunctionConfigurationCommand, { FunctionName: functionName, Qualifier: undefined })
    .resolves({ ...state.latest, RevisionId: `${functionName}-latest-rev` })
    .on(GetAliasCommand, { FunctionName: functionName, Name: 'live' })
    .resolves({ FunctionVersion: state.liveVersion, RevisionId: `${functionName}-alias-rev` })
    .on(GetFunctionConfigurationCommand, {
      FunctionName: functionName,
      Qualifier: state.liveVersion,
    })
    .resolves(state.live);
}

beforeEach(() => {
  lambda.reset();
  s3.reset();
  ssm.reset();
});

describe('readDeployManifest', () => {
  it('reads the manifest infra publishes', async () => {
    ssm.on(GetParameterCommand, { Name: '/prod/deploy/manifest' }).resolves({
      Parameter: { Value: JSON.stringify(manifest) },
    });
    await expect(readDeployManifest(new SSMClient({}), '/prod/deploy/manifest')).resolves.toEqual(
      manifest,
    );
  });

  it('names the parameter when it cannot be read or is not a manifest', async () => {
    ssm.on(GetParameterCommand).rejectsOnce(new Error('ParameterNotFound'));
    await expect(readDeployManifest(new SSMClient({}), '/x')).rejects.toThrow(
      'Cannot read the deploy manifest /x',
    );
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '{"apps":{}}' } });
    await expect(readDeployManifest(new SSMClient({}), '/x')).rejects.toThrow(DeployManifestError);
  });
});

describe('planDeploy', () => {
  it('updates, publishes and moves the alias of functions running other code; leaves the rest', async () => {
    functionState('prod-create-report', {
      latest: config({ CodeSha256: 'old' }),
      liveVersion: '3',
      live: config({ CodeSha256: 'old' }),
    });
    functionState('prod-plan-windows', {
      latest: config({ CodeSha256: artifact.sha256Base64 }),
      liveVersion: '7',
      live: config({ CodeSha256: artifact.sha256Base64 }),
    });
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('not found'), { name: 'NotFound' }));

    const plan = await planDeploy(clients, { app: 'report-creator', manifest, artifact });

    expect(plan).toMatchObject({
      bucket: 'lake-artifacts',
      key: `report-creator/${artifact.sha256Hex}.zip`,
      upload: true,
      functions: [
        { functionName: 'prod-create-report', updateCode: true, publish: true, liveVersion: '3' },
        { functionName: 'prod-plan-windows', updateCode: false, publish: false, liveVersion: '7' },
      ],
    });
    expect(formatPlan(plan)).toEqual([
      `deploy report-creator from ${artifact.path} (sha256 ${artifact.sha256Base64})`,
      `  upload s3://lake-artifacts/report-creator/${artifact.sha256Hex}.zip`,
      '  prod-create-report: update code, publish a version, move live from 3 (code changed)',
      '  prod-plan-windows: up to date (live = 7)',
    ]);
  });

  it('publishes when Terraform changed the configuration since the live version', async () => {
    functionState('prod-token-broker', {
      latest: config({ CodeSha256: artifact.sha256Base64, MemorySize: 1024 }),
      liveVersion: '4',
      live: config({ CodeSha256: artifact.sha256Base64 }),
    });
    const plan = await planDeploy(clients, { app: 'token-broker', manifest, artifact });
    expect(plan.upload).toBe(false);
    expect(plan.functions[0]).toMatchObject({
      updateCode: false,
      publish: true,
      reason: 'configuration changed since the live version',
    });
    expect(s3).not.toHaveReceivedCommand(HeadObjectCommand);
  });

  it('does not upload an artifact the bucket already holds', async () => {
    functionState('prod-token-broker', {
      latest: config({ CodeSha256: 'old' }),
      liveVersion: '4',
      live: config({ CodeSha256: 'old' }),
    });
    s3.on(HeadObjectCommand).resolves({});
    const plan = await planDeploy(clients, { app: 'token-broker', manifest, artifact });
    expect(plan.upload).toBe(false);
    expect(plan.functions[0]?.updateCode).toBe(true);
  });

  it('refuses an app the manifest does not know', async () => {
    await expect(planDeploy(clients, { app: 'unknown-app', manifest, artifact })).rejects.toThrow(
      'The deploy manifest has no functions for unknown-app (it has report-creator, token-broker)',
    );
  });
});

describe('executeDeploy', () => {
  async function plannedCreateReport() {
    functionState('prod-create-report', {
      latest: config({ CodeSha256: 'old' }),
      liveVersion: '3',
      live: config({ CodeSha256: 'old' }),
    });
    functionState('prod-plan-windows', {
      latest: config({ CodeSha256: artifact.sha256Base64 }),
      liveVersion: '7',
      live: config({ CodeSha256: artifact.sha256Base64 }),
    });
    s3.on(HeadObjectCommand).rejects(Object.assign(new Error('not found'), { name: 'NotFound' }));
    const plan = await planDeploy(clients, { app: 'report-creator', manifest, artifact });
    // From here on, only what the deploy itself calls.
    lambda.reset();
    s3.reset();
    return plan;
  }

  it('uploads, updates the code, waits for it, publishes a guarded version and moves the alias', async () => {
    const plan = await plannedCreateReport();
    s3.on(PutObjectCommand).resolves({});
    lambda.on(UpdateFunctionCodeCommand).resolves({ LastUpdateStatus: 'InProgress' });
    lambda
      .on(GetFunctionConfigurationCommand, { FunctionName: 'prod-create-report' })
      .resolvesOnce({ LastUpdateStatus: 'InProgress' })
      .resolves({ LastUpdateStatus: 'Successful', RevisionId: 'after-update' });
    lambda.on(PublishVersionCommand).resolves({ Version: '4' });
    lambda.on(UpdateAliasCommand).resolves({});
    const clock = steppingClock();

    const outcomes = await executeDeploy(clients, plan, { clock });

    expect(s3).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'lake-artifacts',
      Key: `report-creator/${artifact.sha256Hex}.zip`,
      ChecksumSHA256: artifact.sha256Base64,
      ContentType: 'application/zip',
    });
    expect(lambda).toHaveReceivedCommandTimes(UpdateFunctionCodeCommand, 1);
    expect(lambda).toHaveReceivedCommandWith(UpdateFunctionCodeCommand, {
      FunctionName: 'prod-create-report',
      S3Bucket: 'lake-artifacts',
      S3Key: `report-creator/${artifact.sha256Hex}.zip`,
      RevisionId: 'prod-create-report-latest-rev',
      Publish: false,
    });
    expect(clock.slept).toEqual([1000]);
    expect(lambda).toHaveReceivedCommandWith(PublishVersionCommand, {
      FunctionName: 'prod-create-report',
      CodeSha256: artifact.sha256Base64,
      RevisionId: 'after-update',
    });
    expect(lambda).toHaveReceivedCommandTimes(PublishVersionCommand, 1);
    expect(lambda).toHaveReceivedCommandWith(UpdateAliasCommand, {
      FunctionName: 'prod-create-report',
      Name: 'live',
      FunctionVersion: '4',
      RevisionId: 'prod-create-report-alias-rev',
    });
    expect(lambda).toHaveReceivedCommandTimes(UpdateAliasCommand, 1);
    expect(formatOutcomes('live', outcomes)).toEqual([
      '  prod-create-report: live 3 -> 4',
      '  prod-plan-windows: unchanged (live = 7)',
    ]);
  });

  it('stops with the reason when Lambda fails the code update', async () => {
    const plan = await plannedCreateReport();
    s3.on(PutObjectCommand).resolves({});
    lambda.on(UpdateFunctionCodeCommand).resolves({});
    lambda
      .on(GetFunctionConfigurationCommand, { FunctionName: 'prod-create-report' })
      .resolves({ LastUpdateStatus: 'Failed', LastUpdateStatusReason: 'S3 access denied' });

    await expect(executeDeploy(clients, plan, { clock: steppingClock() })).rejects.toThrow(
      new DeployStepError('The code update of prod-create-report failed: S3 access denied'),
    );
    expect(lambda).not.toHaveReceivedCommand(PublishVersionCommand);
    expect(lambda).not.toHaveReceivedCommand(UpdateAliasCommand);
  });

  it('gives up waiting for a code update that never finishes', async () => {
    const plan = await plannedCreateReport();
    s3.on(PutObjectCommand).resolves({});
    lambda.on(UpdateFunctionCodeCommand).resolves({});
    lambda
      .on(GetFunctionConfigurationCommand, { FunctionName: 'prod-create-report' })
      .resolves({ LastUpdateStatus: 'InProgress' });
    await expect(
      executeDeploy(clients, plan, { clock: steppingClock(), updateTimeoutMs: 3000 }),
    ).rejects.toThrow('did not finish in time');
  });

  it('changes nothing when every function is up to date', async () => {
    functionState('prod-token-broker', {
      latest: config({ CodeSha256: artifact.sha256Base64 }),
      liveVersion: '4',
      live: config({ CodeSha256: artifact.sha256Base64 }),
    });
    const plan = await planDeploy(clients, { app: 'token-broker', manifest, artifact });
    await executeDeploy(clients, plan, { clock: steppingClock() });
    expect(s3).not.toHaveReceivedCommand(PutObjectCommand);
    expect(lambda).not.toHaveReceivedCommand(UpdateFunctionCodeCommand);
    expect(lambda).not.toHaveReceivedCommand(PublishVersionCommand);
    expect(lambda).not.toHaveReceivedCommand(UpdateAliasCommand);
  });
});
