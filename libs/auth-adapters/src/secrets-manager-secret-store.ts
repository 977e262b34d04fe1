import { createHash } from 'node:crypto';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import {
  ClientSecretPromotionConflictError,
  type CurrentClientCredentials,
  type PartnerKey,
  type PendingClientSecret,
  type SecretStore,
  type StoredRefreshToken,
} from '@spapi-lake/auth';
import { type Clock, systemClock } from '@spapi-lake/core';
import { awsFailure, describeAwsFailure } from '@spapi-lake/aws-support';
import {
  SecretStoreRequestError,
  SecretStoreUnavailableError,
  SecretValueInvalidError,
} from './errors';
import {
  readClientCredentialsRecord,
  readRefreshTokenRecord,
  writeClientCredentialsRecord,
  writeRefreshTokenRecord,
} from './secret-records';

const CURRENT = 'AWSCURRENT';
const PENDING = 'AWSPENDING';

/** Options of {@link SecretsManagerSecretStore}. */
export interface SecretsManagerSecretStoreOptions {
  readonly client: SecretsManagerClient;
  /** The secret holding `{"clientId","clientSecret",…}`; versions are the rotation history. */
  readonly clientCredentialsSecretId: string;
  /** The secret holding the state signing key (random, 32+ characters). */
  readonly stateSigningKeySecretId: string;
  /** Refresh tokens live at `<prefix>/<sellingPartnerId>/<region>`, e.g. `spapi-lake/refresh-tokens`. */
  readonly refreshTokenSecretPrefix: string;
  /** KMS key of new refresh token secrets (default: the account's `aws/secretsmanager` key). */
  readonly kmsKeyId?: string;
  /** Called with every secret value read or written, e.g. to register it with the logger. */
  readonly onSecretValue?: (value: string) => void;
  readonly clock?: Clock;
}

/**
 * The SecretStore on AWS Secrets Manager. One secret per (partner, region) for refresh tokens
 * (created on first authorization); the client credentials secret is rotated the Secrets Manager
 * way: new version staged `AWSPENDING`, proven, then moved to `AWSCURRENT`, which relabels the
 * replaced version `AWSPREVIOUS` (kept, usable until it expires).
 */
export class SecretsManagerSecretStore implements SecretStore {
  private readonly clock: Clock;
  private signingKey: Promise<string> | undefined;

  constructor(private readonly options: SecretsManagerSecretStoreOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** The secret name of `partner`'s refresh token. */
  refreshTokenSecretName(partner: PartnerKey): string {
    const prefix = this.options.refreshTokenSecretPrefix.replace(/\/+$/, '');
    return `${prefix}/${partner.sellingPartnerId}/${partner.region}`;
  }

  async getRefreshToken(partner: PartnerKey): Promise<StoredRefreshToken | undefined> {
    const name = this.refreshTokenSecretName(partner);
    const secret = await this.getSecret(name);
    if (secret === undefined) return undefined;
    const record = readRefreshTokenRecord(name, secret.value, secret.createdAt);
    this.reveal(record.refreshToken);
    return record;
  }

  async putRefreshToken(partner: PartnerKey, token: StoredRefreshToken): Promise<string> {
    this.reveal(token.refreshToken);
    const name = this.refreshTokenSecretName(partner);
    const value = writeRefreshTokenRecord(token, partner);
    if (await this.putValue(name, value)) return name;
    try {
      await this.options.client.send(
        new CreateSecretCommand({
          Name: name,
          SecretString: value,
          Description: `LWA refresh token of selling partner ${partner.sellingPartnerId} in region ${partner.region} (spapi-lake token broker)`,
          ...(this.options.kmsKeyId === undefined ? {} : { KmsKeyId: this.options.kmsKeyId }),
          Tags: [
            { Key: 'spapi-lake:selling-partner-id', Value: partner.sellingPartnerId },
            { Key: 'spapi-lake:region', Value: partner.region },
          ],
        }),
      );
      return name;
    } catch (error) {
      // Another authorization of the same partner created it a moment ago: write a version.
      if (
        awsFailure(error).name === 'ResourceExistsException' &&
        (await this.putValue(name, value))
      ) {
        return name;
      }
      throw this.failure('CreateSecret', name, error);
    }
  }

  async getClientCredentials(): Promise<CurrentClientCredentials> {
    const name = this.options.clientCredentialsSecretId;
    const secret = await this.getSecret(name, CURRENT);
    if (secret === undefined) {
      throw new SecretValueInvalidError(`The client credentials secret ${name} does not exist`);
    }
    if (secret.versionId === undefined) {
      throw new SecretValueInvalidError(`GetSecretValue on ${name} answered without a VersionId`);
    }
    const record = readClientCredentialsRecord(name, secret.value, secret.createdAt);
    this.reveal(record.clientSecret);
    return { ...record, versionId: secret.versionId };
  }

  async stageClientSecret(secret: PendingClientSecret, idempotencyKey: string): Promise<string> {
    this.reveal(secret.clientSecret);
    const name = this.options.clientCredentialsSecretId;
    try {
      const answer = await this.options.client.send(
        new PutSecretValueCommand({
          SecretId: name,
          SecretString: writeClientCredentialsRecord(secret),
          VersionStages: [PENDING],
          ClientRequestToken: clientRequestToken(idempotencyKey),
        }),
      );
      if (typeof answer.VersionId !== 'string' || answer.VersionId === '') {
        throw new SecretValueInvalidError(`PutSecretValue on ${name} answered without a VersionId`);
      }
      return answer.VersionId;
    } catch (error) {
      throw this.failure('PutSecretValue', name, error);
    }
  }

  async promoteClientSecret(versionId: string, replacing: string): Promise<void> {
    const name = this.options.clientCredentialsSecretId;
    const stages = await this.versionStages(name);
    const current = currentVersionOf(stages);
    if (current !== versionId) {
      const conflict = () =>
        new ClientSecretPromotionConflictError(
          `The current version of secret ${name} changed before version ${versionId} could replace it`,
        );
      if (current !== replacing) throw conflict();
      try {
        // Secrets Manager moves the label only while it is still on RemoveFromVersionId: a
        // promotion made meanwhile makes this one fail instead of being overwritten.
        await this.options.client.send(
          new UpdateSecretVersionStageCommand({
            SecretId: name,
            VersionStage: CURRENT,
            MoveToVersionId: versionId,
            RemoveFromVersionId: replacing,
          }),
        );
      } catch (error) {
        // Which it was decides the error: a refusal because another promotion won, or a move that
        // was made though its answer was lost (a retry of the same promotion then has nothing to
        // do), or a failure of the call itself. A failed look is reported as itself (retryable).
        const now = currentVersionOf(await this.versionStages(name));
        if (now === replacing) throw this.failure('UpdateSecretVersionStage', name, error);
        if (now !== versionId) throw conflict();
      }
    }
    try {
      if (stages[versionId]?.includes(PENDING)) {
        await this.options.client.send(
          new UpdateSecretVersionStageCommand({
            SecretId: name,
            VersionStage: PENDING,
            RemoveFromVersionId: versionId,
          }),
        );
      }
    } catch (error) {
      throw this.failure('UpdateSecretVersionStage', name, error);
    }
  }

  private async versionStages(name: string): Promise<Record<string, string[]>> {
    try {
      const described = await this.options.client.send(
        new DescribeSecretCommand({ SecretId: name }),
      );
      return described.VersionIdsToStages ?? {};
    } catch (error) {
      throw this.failure('DescribeSecret', name, error);
    }
  }

  async getStateSigningKey(): Promise<string> {
    // Fetched once per container: the key changes only when an operator rotates it by hand.
    this.signingKey ??= this.fetchSigningKey().catch((error: unknown) => {
      this.signingKey = undefined;
      throw error;
    });
    return this.signingKey;
  }

  private async fetchSigningKey(): Promise<string> {
    const name = this.options.stateSigningKeySecretId;
    const secret = await this.getSecret(name);
    if (secret === undefined) {
      throw new SecretValueInvalidError(`The state signing key secret ${name} does not exist`);
    }
    const key = secret.value.trim();
    this.reveal(key);
    return key;
  }

  private async getSecret(
    name: string,
    versionStage?: string,
  ): Promise<{ value: string; createdAt: number; versionId: string | undefined } | undefined> {
    try {
      const answer = await this.options.client.send(
        new GetSecretValueCommand({
          SecretId: name,
          ...(versionStage === undefined ? {} : { VersionStage: versionStage }),
        }),
      );
      if (typeof answer.SecretString !== 'string') {
        throw new SecretValueInvalidError(`Secret ${name} holds no SecretString`);
      }
      return {
        value: answer.SecretString,
        createdAt:
          answer.CreatedDate instanceof Date ? answer.CreatedDate.getTime() : this.clock.now(),
        versionId: typeof answer.VersionId === 'string' ? answer.VersionId : undefined,
      };
    } catch (error) {
      if (error instanceof SecretValueInvalidError) throw error;
      if (awsFailure(error).name === 'ResourceNotFoundException') return undefined;
      throw this.failure('GetSecretValue', name, error);
    }
  }

  /** PutSecretValue; false when the secret does not exist yet. */
  private async putValue(name: string, value: string): Promise<boolean> {
    try {
      await this.options.client.send(
        new PutSecretValueCommand({ SecretId: name, SecretString: value }),
      );
      return true;
    } catch (error) {
      if (awsFailure(error).name === 'ResourceNotFoundException') return false;
      throw this.failure('PutSecretValue', name, error);
    }
  }

  private reveal(value: string): void {
    this.options.onSecretValue?.(value);
  }

  private failure(operation: string, name: string, error: unknown): Error {
    if (error instanceof SecretValueInvalidError) return error;
    const failure = awsFailure(error);
    const message = `${describeAwsFailure(operation, failure)} on secret ${name}`;
    return failure.retryable
      ? new SecretStoreUnavailableError(message, { cause: error })
      : new SecretStoreRequestError(message, { cause: error });
  }
}

function currentVersionOf(stages: Record<string, string[]>): string | undefined {
  return Object.entries(stages).find(([, labels]) => labels.includes(CURRENT))?.[0];
}

/** A UUID-shaped ClientRequestToken derived from `key`, so a repeated delivery writes no new version. */
export function clientRequestToken(key: string): string {
  const hex = createHash('sha256').update(key, 'utf8').digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
