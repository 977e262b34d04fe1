import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { ConfigurationError } from '@spapi-lake/config';
import { type SimulatorHandle, startSimulator } from '@spapi-lake/sp-api-simulator';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createHandler } from './main';
import { cookiesOf, consent, locationOf } from './test/browser';
import { functionUrlEvent, loadEvent } from './test/events';

const secretsManager = mockClient(SecretsManagerClient);
const ssm = mockClient(SSMClient);
const dynamo = mockClient(DynamoDBClient);

/** Secrets Manager, SSM and DynamoDB as small in-memory fakes behind aws-sdk-client-mock. */
function fakeAws(sim: SimulatorHandle) {
  const { clientId, clientSecret, partners } = sim.credentials();
  const secrets = new Map<string, string>([
    ['spapi-lake/lwa-client', JSON.stringify({ clientId, clientSecret })],
    ['spapi-lake/state-signing-key', 'aws-state-signing-key-0123456789abcdef'],
    [
      `spapi-lake/refresh-tokens/${partners[0]?.sellingPartnerId}/NA`,
      JSON.stringify({
        refreshToken: partners[0]?.refreshToken,
        authorizedAt: '2026-10-01T00:00:00Z',
      }),
    ],
  ]);
  const notFound = () =>
    new ResourceNotFoundException({ message: 'no', $metadata: { httpStatusCode: 400 } });
  secretsManager.on(GetSecretValueCommand).callsFake((input: { SecretId: string }) => {
    const value = secrets.get(input.SecretId);
    if (value === undefined) throw notFound();
    return { SecretString: value, CreatedDate: new Date('2026-10-01T00:00:00Z'), VersionId: 'v1' };
  });
  secretsManager
    .on(PutSecretValueCommand)
    .callsFake((input: { SecretId: string; SecretString: string }) => {
      if (!secrets.has(input.SecretId)) throw notFound();
      secrets.set(input.SecretId, input.SecretString);
      return { VersionId: 'v2' };
    });
  secretsManager
    .on(CreateSecretCommand)
    .callsFake((input: { Name: string; SecretString: string }) => {
      secrets.set(input.Name, input.SecretString);
      return { Name: input.Name };
    });
  const parameters = new Map<string, { value: string; version: number }>([
    [
      '/spapi-lake/test/endpoints',
      {
        value: JSON.stringify({
          lwaBaseUrl: sim.lwaBaseUrl,
          spApiBaseUrl: { NA: sim.spApiBaseUrl, EU: sim.spApiBaseUrl, FE: sim.spApiBaseUrl },
        }),
        version: 1,
      },
    ],
  ]);
  ssm.on(GetParameterCommand).callsFake((input: { Name: string }) => {
    const parameter = parameters.get(input.Name);
    if (parameter === undefined) {
      throw new ParameterNotFound({ message: 'no', $metadata: { httpStatusCode: 400 } });
    }
    return { Parameter: { Name: input.Name, Value: parameter.value, Version: parameter.version } };
  });
  ssm.on(PutParameterCommand).callsFake((input: { Name: string; Value: string }) => {
    const version = (parameters.get(input.Name)?.version ?? 0) + 1;
    parameters.set(input.Name, { value: input.Value, version });
    return { Version: version };
  });
  const claimed = new Set<string>();
  dynamo.on(PutItemCommand).callsFake((input: { Item: { pk: { S: string } } }) => {
    claimed.add(input.Item.pk.S);
    return {};
  });
  return { secrets, parameters, claimed };
}

describe('main (AWS composition root)', () => {
  let sim: SimulatorHandle;
  let env: Record<string, string>;

  beforeEach(async () => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    process.env['AWS_REGION'] ??= 'eu-west-1';
    sim = await startSimulator({ seed: 3 });
    env = {
      PARAMETER_PREFIX: '/spapi-lake/test',
      LWA_CLIENT_SECRET_ID: 'spapi-lake/lwa-client',
      STATE_SIGNING_KEY_SECRET_ID: 'spapi-lake/state-signing-key',
      REFRESH_TOKEN_SECRET_PREFIX: 'spapi-lake/refresh-tokens',
      USED_STATE_TABLE: 'spapi-lake-token-broker',
      SP_API_APPLICATION_ID: sim.credentials().applicationId,
      REDIRECT_URI: 'https://app.example.com/spapi/callback',
      APP_DRAFT: 'true',
      SELLER_CENTRAL_BASE_URL: `${sim.baseUrl}/sellercentral`,
      SECRETS_KMS_KEY_ID: 'alias/spapi-lake',
    };
  });
  afterEach(async () => {
    secretsManager.reset();
    ssm.reset();
    dynamo.reset();
    jest.restoreAllMocks();
    await sim.stop();
  });

  it('vends a partner token through Secrets Manager and the LWA endpoint named in SSM', async () => {
    fakeAws(sim);
    const handler = await createHandler(env);
    const partner = sim.credentials().partners[0];
    const event = loadEvent<{ grant: Record<string, string> }>('vend-partner.json');
    event.grant = {
      kind: 'partner',
      sellingPartnerId: partner?.sellingPartnerId ?? '',
      region: 'NA',
    };

    await expect(handler(event)).resolves.toMatchObject({
      ok: true,
      accessToken: expect.stringMatching(/^Atza\|/),
    });

    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, {
      Name: '/spapi-lake/test/endpoints',
    });
    expect(secretsManager.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual(
      expect.arrayContaining([
        { SecretId: 'spapi-lake/lwa-client', VersionStage: 'AWSCURRENT' },
        { SecretId: `spapi-lake/refresh-tokens/${partner?.sellingPartnerId}/NA` },
      ]),
    );
  });

  it('runs the website authorization on Secrets Manager, SSM and DynamoDB', async () => {
    const aws = fakeAws(sim);
    const handler = await createHandler(env);
    const seller = sim.credentials().partners[1]?.sellingPartnerId ?? '';

    const started = (await handler(
      functionUrlEvent('authorize.json'),
    )) as APIGatewayProxyStructuredResultV2;
    const { query } = await consent(locationOf(started), seller);
    const done = await handler(
      functionUrlEvent('callback.json', { query, cookies: cookiesOf(started) }),
    );

    expect(done.statusCode).toBe(200);
    expect(secretsManager.commandCalls(CreateSecretCommand)[0]?.args[0].input).toMatchObject({
      Name: `spapi-lake/refresh-tokens/${seller}/EU`,
      KmsKeyId: 'alias/spapi-lake',
    });
    expect(
      JSON.parse(aws.secrets.get(`spapi-lake/refresh-tokens/${seller}/EU`) ?? '{}'),
    ).toMatchObject({
      refreshToken: expect.stringMatching(/^Atzr\|/),
      sellingPartnerId: seller,
      region: 'EU',
    });
    expect(JSON.parse(aws.parameters.get('/spapi-lake/test/accounts')?.value ?? '[]')).toEqual([
      expect.objectContaining({
        sellingPartnerId: seller,
        region: 'EU',
        refreshTokenSecretRef: `spapi-lake/refresh-tokens/${seller}/EU`,
        status: 'active',
      }),
    ]);
    expect([...aws.claimed]).toEqual([expect.stringMatching(/^authorization-state#/)]);
  });

  it('refuses to start with an incomplete environment, naming the variables', async () => {
    await expect(
      createHandler({ ...env, USED_STATE_TABLE: '', REDIRECT_URI: 'http://x' }),
    ).rejects.toThrow(ConfigurationError);
    await expect(createHandler({ ...env, USED_STATE_TABLE: '' })).rejects.toThrow(
      'env USED_STATE_TABLE: required',
    );
  });
});
