import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  GetParameterCommand,
  ParameterNotFound,
  SSMClient,
  SSMServiceException,
} from '@aws-sdk/client-ssm';
import { ConfigurationError, configParameterNames } from '@spapi-lake/config';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ConfigParameterUnavailableError } from './errors';
import { InMemoryParameterSource } from './in-memory-parameter-source';
import { LocalFileParameterSource } from './local-file-parameter-source';
import { loadEndpoints, loadPipelineConfig } from './pipeline-config';
import { PowertoolsSsmParameterSource } from './powertools-ssm-parameter-source';

// Powertools builds its own SSMClient: the mock replaces `send` on every instance.
const ssm = mockClient(SSMClient);
const names = configParameterNames('/spapi-lake/test');
const ACCOUNTS = JSON.stringify([
  {
    sellingPartnerId: 'A1SELLER',
    accountType: 'seller',
    region: 'EU',
    marketplaceIds: ['A1PA6795UKMFR9'],
    refreshTokenSecretRef: 'spapi-lake/refresh-tokens/A1SELLER/EU',
  },
]);
const REPORT_CONFIGS = JSON.stringify([
  {
    id: 'orders-daily',
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    accountTypes: ['seller'],
    windowDays: 1,
    schedule: 'daily',
  },
]);

beforeEach(() => ssm.reset());

describe('PowertoolsSsmParameterSource', () => {
  it('reads a String parameter once and serves it from the cache afterwards', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Name: names.accounts, Value: ACCOUNTS } });
    const source = new PowertoolsSsmParameterSource({ maxAgeSeconds: 300 });
    await expect(source.get(names.accounts)).resolves.toBe(ACCOUNTS);
    await expect(source.get(names.accounts)).resolves.toBe(ACCOUNTS);
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 1);
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, {
      Name: names.accounts,
      WithDecryption: false,
    });
  });

  it('answers undefined for a missing parameter and remembers that it is missing', async () => {
    ssm
      .on(GetParameterCommand)
      .rejects(new ParameterNotFound({ message: 'none', $metadata: { httpStatusCode: 400 } }));
    let now = 0;
    const source = new PowertoolsSsmParameterSource({
      maxAgeSeconds: 60,
      clock: { now: () => now, sleep: async () => undefined },
    });
    await expect(source.get(names.endpoints)).resolves.toBeUndefined();
    await expect(source.get(names.endpoints)).resolves.toBeUndefined();
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 1);
    now = 60_001;
    await expect(source.get(names.endpoints)).resolves.toBeUndefined();
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 2);
  });

  it('maps SSM failures to ConfigParameterUnavailableError without AWS messages', async () => {
    ssm.on(GetParameterCommand).rejects(
      new SSMServiceException({
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'Rate exceeded for arn:aws:ssm:eu-west-1:123456789012:parameter/x',
      }),
    );
    const source = new PowertoolsSsmParameterSource({ maxAgeSeconds: 60 });
    const failure = source.get(names.accounts);
    await expect(failure).rejects.toBeInstanceOf(ConfigParameterUnavailableError);
    await expect(failure).rejects.toThrow(
      `GetParameter failed (ThrottlingException, HTTP 400) on ${names.accounts}`,
    );
  });
});

describe('LocalFileParameterSource', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'report-creator-parameters-'));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('maps parameter names under the prefix to JSON files of the directory', async () => {
    await writeFile(path.join(directory, 'accounts.json'), ACCOUNTS);
    const source = new LocalFileParameterSource(directory, 'spapi-lake/test/');
    await expect(source.get(names.accounts)).resolves.toBe(ACCOUNTS);
    await expect(source.get(names.reportConfigs)).resolves.toBeUndefined();
    await expect(source.get('/other/accounts')).resolves.toBeUndefined();
    await expect(source.get('/spapi-lake/test/../accounts')).resolves.toBeUndefined();
  });
});

describe('loadPipelineConfig', () => {
  it('validates accounts and report configs and resolves the endpoints', async () => {
    const source = new InMemoryParameterSource({
      [names.accounts]: ACCOUNTS,
      [names.reportConfigs]: REPORT_CONFIGS,
      [names.endpoints]: JSON.stringify({ spApiBaseUrl: { EU: 'http://127.0.0.1:4010/' } }),
    });
    const config = await loadPipelineConfig(source, names);
    expect(config.accounts.map((a) => [a.sellingPartnerId, a.status])).toEqual([
      ['A1SELLER', 'active'],
    ]);
    expect(config.reportConfigs.map((c) => [c.id, c.lagHours, c.enabled])).toEqual([
      ['orders-daily', 0, true],
    ]);
    expect(config.endpoints.spApiBaseUrl).toEqual({
      NA: 'https://sellingpartnerapi-na.amazon.com',
      EU: 'http://127.0.0.1:4010',
      FE: 'https://sellingpartnerapi-fe.amazon.com',
    });
    await expect(loadEndpoints(new InMemoryParameterSource(), names)).resolves.toEqual(
      expect.objectContaining({ lwaBaseUrl: 'https://api.amazon.com' }),
    );
  });

  it('names a missing or invalid parameter', async () => {
    await expect(
      loadPipelineConfig(new InMemoryParameterSource({ [names.accounts]: ACCOUNTS }), names),
    ).rejects.toThrow(
      new ConfigurationError(`Missing configuration parameter ${names.reportConfigs}`),
    );
    const notAList = new InMemoryParameterSource({
      [names.accounts]: ACCOUNTS,
      [names.reportConfigs]: JSON.stringify({ id: 'x' }),
    });
    await expect(loadPipelineConfig(notAList, names)).rejects.toThrow(names.reportConfigs);
  });

  it('sets an invalid report config aside, naming the parameter and the bad keys', async () => {
    const invalid = new InMemoryParameterSource({
      [names.accounts]: ACCOUNTS,
      [names.reportConfigs]: JSON.stringify([{ id: 'x' }]),
    });
    const config = await loadPipelineConfig(invalid, names);
    expect(config.reportConfigs).toEqual([]);
    expect(config.rejectedReportConfigs).toEqual([expect.objectContaining({ index: 0, id: 'x' })]);
    expect(config.rejectedReportConfigs[0]?.error.message).toContain(
      `${names.reportConfigs}[0].schedule: required`,
    );
  });
});
