import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
  SecretsManagerServiceException,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { ClientSecretPromotionConflictError } from '@spapi-lake/auth';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import {
  SecretStoreRequestError,
  SecretStoreUnavailableError,
  SecretValueInvalidError,
} from './errors';
import { SecretsManagerSecretStore, clientRequestToken } from './secrets-manager-secret-store';

const sm = mockClient(SecretsManagerClient);
const PARTNER = { sellingPartnerId: 'A1SELLER', region: 'EU' } as const;
const CREATED = new Date('2026-01-01T00:00:00Z');
const CLIENT_SECRET = 'amzn1.oa2-cs.v1.current-secret';

function store(revealed: string[] = []) {
  return new SecretsManagerSecretStore({
    client: new SecretsManagerClient({ region: 'eu-west-1', maxAttempts: 1 }),
    clientCredentialsSecretId: 'spapi-lake/lwa-client',
    stateSigningKeySecretId: 'spapi-lake/state-signing-key',
    refreshTokenSecretPrefix: 'spapi-lake/refresh-tokens/',
    kmsKeyId: 'alias/spapi-lake',
    onSecretValue: (value) => revealed.push(value),
  });
}

function notFound(): ResourceNotFoundException {
  return new ResourceNotFoundException({
    message: 'not found',
    $metadata: { httpStatusCode: 400 },
  });
}

function serviceError(name: string, status: number): SecretsManagerServiceException {
  return new SecretsManagerServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: `${name} says no`,
  });
}

beforeEach(() => sm.reset());

describe('SecretsManagerSecretStore refresh tokens', () => {
  it('reads the record of <prefix>/<partner>/<region> and reveals the token', async () => {
    sm.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({
        refreshToken: 'Atzr|abc',
        authorizedAt: '2026-02-01T00:00:00Z',
      }),
      CreatedDate: CREATED,
    });
    const revealed: string[] = [];
    await expect(store(revealed).getRefreshToken(PARTNER)).resolves.toEqual({
      refreshToken: 'Atzr|abc',
      authorizedAt: Date.parse('2026-02-01T00:00:00Z'),
    });
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({
      SecretId: 'spapi-lake/refresh-tokens/A1SELLER/EU',
    });
    expect(revealed).toEqual(['Atzr|abc']);
  });

  it('accepts a bare pasted token, dated by the version creation time, and absence as undefined', async () => {
    sm.on(GetSecretValueCommand).resolvesOnce({
      SecretString: 'Atzr|pasted\n',
      CreatedDate: CREATED,
    });
    await expect(store().getRefreshToken(PARTNER)).resolves.toEqual({
      refreshToken: 'Atzr|pasted',
      authorizedAt: CREATED.getTime(),
    });
    sm.on(GetSecretValueCommand).rejects(notFound());
    await expect(store().getRefreshToken(PARTNER)).resolves.toBeUndefined();
  });

  it('refuses a secret that holds something else, without quoting it', async () => {
    sm.on(GetSecretValueCommand).resolves({
      SecretString: '{"token":"Atza|oops"}',
      CreatedDate: CREATED,
    });
    const error = await store()
      .getRefreshToken(PARTNER)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretValueInvalidError);
    expect((error as Error).message).not.toContain('oops');
  });

  it('writes a new version of an existing secret', async () => {
    sm.on(PutSecretValueCommand).resolves({ VersionId: 'v2' });
    const ref = await store().putRefreshToken(PARTNER, {
      refreshToken: 'Atzr|new',
      authorizedAt: Date.parse('2026-03-01T00:00:00Z'),
    });
    expect(ref).toBe('spapi-lake/refresh-tokens/A1SELLER/EU');
    expect(sm).toHaveReceivedCommandTimes(PutSecretValueCommand, 1);
    expect(sm.commandCalls(PutSecretValueCommand)[0]?.args[0].input).toEqual({
      SecretId: 'spapi-lake/refresh-tokens/A1SELLER/EU',
      SecretString: JSON.stringify({
        refreshToken: 'Atzr|new',
        authorizedAt: '2026-03-01T00:00:00.000Z',
        sellingPartnerId: 'A1SELLER',
        region: 'EU',
      }),
    });
    expect(sm).not.toHaveReceivedCommand(CreateSecretCommand);
  });

  it('creates the secret, tagged and with the KMS key, on the first authorization', async () => {
    sm.on(PutSecretValueCommand).rejects(notFound());
    sm.on(CreateSecretCommand).resolves({ Name: 'x' });
    await store().putRefreshToken(PARTNER, { refreshToken: 'Atzr|first', authorizedAt: 0 });
    expect(sm.commandCalls(CreateSecretCommand)[0]?.args[0].input).toEqual({
      Name: 'spapi-lake/refresh-tokens/A1SELLER/EU',
      SecretString: expect.stringContaining('"refreshToken":"Atzr|first"'),
      Description:
        'LWA refresh token of selling partner A1SELLER in region EU (spapi-lake token broker)',
      KmsKeyId: 'alias/spapi-lake',
      Tags: [
        { Key: 'spapi-lake:selling-partner-id', Value: 'A1SELLER' },
        { Key: 'spapi-lake:region', Value: 'EU' },
      ],
    });
  });

  it('writes a version when a concurrent authorization created the secret first', async () => {
    sm.on(PutSecretValueCommand).rejectsOnce(notFound()).resolves({ VersionId: 'v1' });
    sm.on(CreateSecretCommand).rejects(
      new ResourceExistsException({ message: 'exists', $metadata: { httpStatusCode: 400 } }),
    );
    await expect(
      store().putRefreshToken(PARTNER, { refreshToken: 'Atzr|race', authorizedAt: 0 }),
    ).resolves.toBe('spapi-lake/refresh-tokens/A1SELLER/EU');
    expect(sm).toHaveReceivedCommandTimes(PutSecretValueCommand, 2);
  });
});

// The two label moves of promoting version-2 over version-1: AWSCURRENT, then AWSPENDING off.
const PROMOTION_OF_VERSION_2 = [
  {
    SecretId: 'spapi-lake/lwa-client',
    VersionStage: 'AWSCURRENT',
    MoveToVersionId: 'version-2',
    RemoveFromVersionId: 'version-1',
  },
  {
    SecretId: 'spapi-lake/lwa-client',
    VersionStage: 'AWSPENDING',
    RemoveFromVersionId: 'version-2',
  },
];

describe('SecretsManagerSecretStore client credentials', () => {
  it('reads AWSCURRENT; a hand-made first secret is dated by its version', async () => {
    sm.on(GetSecretValueCommand).resolves({
      SecretString: JSON.stringify({
        clientId: 'amzn1.application-oa2-client.x',
        clientSecret: CLIENT_SECRET,
      }),
      CreatedDate: CREATED,
      VersionId: 'version-1',
    });
    const revealed: string[] = [];
    await expect(store(revealed).getClientCredentials()).resolves.toEqual({
      clientId: 'amzn1.application-oa2-client.x',
      clientSecret: CLIENT_SECRET,
      issuedAt: CREATED.getTime(),
      versionId: 'version-1',
    });
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({
      SecretId: 'spapi-lake/lwa-client',
      VersionStage: 'AWSCURRENT',
    });
    expect(revealed).toEqual([CLIENT_SECRET]);
  });

  it('stages a new secret as AWSPENDING with a request token derived from the notification', async () => {
    sm.on(PutSecretValueCommand).resolves({ VersionId: 'version-2' });
    const versionId = await store().stageClientSecret(
      {
        clientId: 'client',
        clientSecret: 'amzn1.oa2-cs.v1.new',
        issuedAt: Date.parse('2026-11-02T00:00:00Z'),
        expiresAt: Date.parse('2027-05-01T00:00:00Z'),
        previousSecretExpiresAt: Date.parse('2026-11-09T00:00:00Z'),
      },
      'notification-1',
    );
    expect(versionId).toBe('version-2');
    expect(sm.commandCalls(PutSecretValueCommand)[0]?.args[0].input).toEqual({
      SecretId: 'spapi-lake/lwa-client',
      SecretString: JSON.stringify({
        clientId: 'client',
        clientSecret: 'amzn1.oa2-cs.v1.new',
        issuedAt: '2026-11-02T00:00:00.000Z',
        expiresAt: '2027-05-01T00:00:00.000Z',
        previousSecretExpiresAt: '2026-11-09T00:00:00.000Z',
      }),
      VersionStages: ['AWSPENDING'],
      ClientRequestToken: clientRequestToken('notification-1'),
    });
    expect(clientRequestToken('notification-1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it('promotes the staged version to AWSCURRENT and clears its AWSPENDING label', async () => {
    sm.on(DescribeSecretCommand).resolves({
      VersionIdsToStages: { 'version-1': ['AWSCURRENT'], 'version-2': ['AWSPENDING'] },
    });
    sm.on(UpdateSecretVersionStageCommand).resolves({});
    await store().promoteClientSecret('version-2', 'version-1');
    expect(sm.commandCalls(DescribeSecretCommand)[0]?.args[0].input).toEqual({
      SecretId: 'spapi-lake/lwa-client',
    });
    expect(sm.commandCalls(UpdateSecretVersionStageCommand).map((c) => c.args[0].input)).toEqual(
      PROMOTION_OF_VERSION_2,
    );
  });

  it('does not move labels of a version that is already current', async () => {
    sm.on(DescribeSecretCommand).resolves({ VersionIdsToStages: { 'version-2': ['AWSCURRENT'] } });
    await store().promoteClientSecret('version-2', 'version-1');
    expect(sm).not.toHaveReceivedCommand(UpdateSecretVersionStageCommand);
  });

  it('promotes nothing over a version other than the one it replaces', async () => {
    sm.on(DescribeSecretCommand).resolves({
      VersionIdsToStages: {
        'version-1': ['AWSPREVIOUS'],
        'version-2': ['AWSPENDING'],
        'version-3': ['AWSCURRENT'],
      },
    });
    await expect(store().promoteClientSecret('version-2', 'version-1')).rejects.toBeInstanceOf(
      ClientSecretPromotionConflictError,
    );
    expect(sm).not.toHaveReceivedCommand(UpdateSecretVersionStageCommand);
  });

  it('reports a promotion made between its look and its move as a conflict', async () => {
    // Another handler moved AWSCURRENT to version-3 after the first DescribeSecret: Secrets
    // Manager refuses the move, since the label is no longer on RemoveFromVersionId.
    sm.on(DescribeSecretCommand)
      .resolvesOnce({
        VersionIdsToStages: { 'version-1': ['AWSCURRENT'], 'version-2': ['AWSPENDING'] },
      })
      .resolves({
        VersionIdsToStages: {
          'version-1': ['AWSPREVIOUS'],
          'version-2': ['AWSPENDING'],
          'version-3': ['AWSCURRENT'],
        },
      });
    sm.on(UpdateSecretVersionStageCommand).rejects(
      new InvalidParameterException({
        message: 'The staging label is not attached to the version to remove it from',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const failure = store().promoteClientSecret('version-2', 'version-1');
    await expect(failure).rejects.toBeInstanceOf(ClientSecretPromotionConflictError);
    expect(sm).toHaveReceivedCommandTimes(UpdateSecretVersionStageCommand, 1);
  });

  it('finishes a promotion whose move was made though its answer was lost', async () => {
    sm.on(DescribeSecretCommand)
      .resolvesOnce({
        VersionIdsToStages: { 'version-1': ['AWSCURRENT'], 'version-2': ['AWSPENDING'] },
      })
      .resolves({
        VersionIdsToStages: {
          'version-1': ['AWSPREVIOUS'],
          'version-2': ['AWSCURRENT', 'AWSPENDING'],
        },
      });
    sm.on(UpdateSecretVersionStageCommand)
      .rejectsOnce(
        new SecretsManagerServiceException({
          name: 'InternalServiceError',
          $fault: 'server',
          $metadata: { httpStatusCode: 500 },
          message: 'the connection broke after the move',
        }),
      )
      .resolves({});
    await store().promoteClientSecret('version-2', 'version-1');
    expect(sm.commandCalls(UpdateSecretVersionStageCommand).map((c) => c.args[0].input)).toEqual(
      PROMOTION_OF_VERSION_2,
    );
  });

  it('reports a failed second look as itself, retryable', async () => {
    sm.on(DescribeSecretCommand)
      .resolvesOnce({
        VersionIdsToStages: { 'version-1': ['AWSCURRENT'], 'version-2': ['AWSPENDING'] },
      })
      .rejects(
        new SecretsManagerServiceException({
          name: 'ThrottlingException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
          message: 'Rate exceeded',
        }),
      );
    sm.on(UpdateSecretVersionStageCommand).rejects(
      new InvalidParameterException({ message: 'moved', $metadata: { httpStatusCode: 400 } }),
    );
    await expect(store().promoteClientSecret('version-2', 'version-1')).rejects.toBeInstanceOf(
      SecretStoreUnavailableError,
    );
  });

  it('reports a refused move as the store failure when the current version did not change', async () => {
    sm.on(DescribeSecretCommand).resolves({
      VersionIdsToStages: { 'version-1': ['AWSCURRENT'], 'version-2': ['AWSPENDING'] },
    });
    sm.on(UpdateSecretVersionStageCommand).rejects(
      new InvalidParameterException({ message: 'bad', $metadata: { httpStatusCode: 400 } }),
    );
    await expect(store().promoteClientSecret('version-2', 'version-1')).rejects.toBeInstanceOf(
      SecretStoreRequestError,
    );
  });
});

describe('SecretsManagerSecretStore signing key and failures', () => {
  it('reads the signing key once per container', async () => {
    sm.on(GetSecretValueCommand).resolves({
      SecretString: ' key-material-of-forty-characters-long-xx \n',
    });
    const secrets = store();
    await secrets.getStateSigningKey();
    await expect(secrets.getStateSigningKey()).resolves.toBe(
      'key-material-of-forty-characters-long-xx',
    );
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({
      SecretId: 'spapi-lake/state-signing-key',
    });
  });

  it.each([
    ['ThrottlingException', 400, 'retryable error', SecretStoreUnavailableError],
    ['InternalServiceError', 500, 'retryable error', SecretStoreUnavailableError],
    ['AccessDeniedException', 400, 'request error', SecretStoreRequestError],
  ])('maps %s (HTTP %i) to a %s', async (name, status, _kind, expected) => {
    sm.on(GetSecretValueCommand).rejects(serviceError(name, status));
    const error = await store()
      .getClientCredentials()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(expected);
    expect((error as Error).message).toBe(
      `GetSecretValue failed (${name}, HTTP ${status}) on secret spapi-lake/lwa-client`,
    );
  });
});
