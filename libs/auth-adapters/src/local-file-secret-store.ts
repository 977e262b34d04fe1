import {
  ClientSecretPromotionConflictError,
  type CurrentClientCredentials,
  type PartnerKey,
  type PendingClientSecret,
  type SecretStore,
  type StoredRefreshToken,
  partnerKeyId,
} from '@spapi-lake/auth';
import { type Clock, systemClock } from '@spapi-lake/core';
import { SecretValueInvalidError } from './errors';
import { JsonFile } from './json-file';
import {
  readClientCredentialsRecord,
  readRefreshTokenRecord,
  writeClientCredentialsRecord,
  writeRefreshTokenRecord,
} from './secret-records';

/** The local secrets file: the same records as the Secrets Manager secrets, in one document. */
interface SecretsDocument {
  clientCredentials: {
    current: string | null;
    previous: string | null;
    pending: string | null;
    versions: Record<string, { value: string; createdAt: string; requestToken?: string }>;
  };
  stateSigningKey: string | null;
  refreshTokens: Record<string, { value: string; createdAt: string }>;
}

/** What a fresh local secrets file starts with. */
export interface LocalSecretsSeed {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly stateSigningKey: string;
}

/**
 * The SecretStore of the local runner: one JSON file (mode 0600) with the same records and the
 * same current / previous / pending versioning as Secrets Manager.
 */
export class LocalFileSecretStore implements SecretStore {
  private readonly file: JsonFile<SecretsDocument>;
  private readonly clock: Clock;

  constructor(filePath: string, options: { readonly clock?: Clock } = {}) {
    this.file = new JsonFile<SecretsDocument>(filePath, () => ({
      clientCredentials: { current: null, previous: null, pending: null, versions: {} },
      stateSigningKey: null,
      refreshTokens: {},
    }));
    this.clock = options.clock ?? systemClock;
  }

  /** Writes the client credentials and signing key unless the file already holds them. */
  async seed(seed: LocalSecretsSeed): Promise<void> {
    const createdAt = new Date(this.clock.now()).toISOString();
    await this.file.update((document) => {
      if (document.clientCredentials.current === null) {
        document.clientCredentials.versions['v1'] = {
          value: writeClientCredentialsRecord({
            clientId: seed.clientId,
            clientSecret: seed.clientSecret,
            issuedAt: this.clock.now(),
          }),
          createdAt,
        };
        document.clientCredentials.current = 'v1';
      }
      document.stateSigningKey ??= seed.stateSigningKey;
      return { document, result: undefined };
    });
  }

  async getRefreshToken(partner: PartnerKey): Promise<StoredRefreshToken | undefined> {
    const entry = (await this.file.read()).refreshTokens[partnerKeyId(partner)];
    if (entry === undefined) return undefined;
    return readRefreshTokenRecord(partnerKeyId(partner), entry.value, Date.parse(entry.createdAt));
  }

  async putRefreshToken(partner: PartnerKey, token: StoredRefreshToken): Promise<string> {
    const value = writeRefreshTokenRecord(token, partner);
    const createdAt = new Date(this.clock.now()).toISOString();
    await this.file.update((document) => {
      document.refreshTokens[partnerKeyId(partner)] = { value, createdAt };
      return { document, result: undefined };
    });
    return `local/refresh-tokens/${partner.sellingPartnerId}/${partner.region}`;
  }

  async getClientCredentials(): Promise<CurrentClientCredentials> {
    const { clientCredentials } = await this.file.read();
    const versionId = clientCredentials.current;
    const current = versionId === null ? undefined : clientCredentials.versions[versionId];
    if (versionId === null || current === undefined) {
      throw new SecretValueInvalidError(
        `The local secrets file ${this.file.filePath} holds no client credentials`,
      );
    }
    return {
      ...readClientCredentialsRecord(
        'local client credentials',
        current.value,
        Date.parse(current.createdAt),
      ),
      versionId,
    };
  }

  async stageClientSecret(secret: PendingClientSecret, idempotencyKey: string): Promise<string> {
    const value = writeClientCredentialsRecord(secret);
    const createdAt = new Date(this.clock.now()).toISOString();
    return this.file.update((document) => {
      const versions = document.clientCredentials.versions;
      const known = Object.entries(versions).find(([, v]) => v.requestToken === idempotencyKey);
      if (known !== undefined) {
        if (known[1].value !== value) {
          throw new SecretValueInvalidError(
            'The idempotency key was used before with another secret',
          );
        }
        return { document, result: known[0] };
      }
      const id = `v${Object.keys(versions).length + 1}`;
      versions[id] = { value, createdAt, requestToken: idempotencyKey };
      document.clientCredentials.pending = id;
      return { document, result: id };
    });
  }

  async promoteClientSecret(versionId: string, replacing: string): Promise<void> {
    await this.file.update((document) => {
      const credentials = document.clientCredentials;
      if (credentials.versions[versionId] === undefined) {
        throw new SecretValueInvalidError(`No client secret version ${versionId} to promote`);
      }
      if (credentials.current !== versionId && credentials.current !== replacing) {
        throw new ClientSecretPromotionConflictError(
          `The current local client secret changed before version ${versionId} could replace it`,
        );
      }
      if (credentials.current !== versionId) {
        credentials.previous = credentials.current;
        credentials.current = versionId;
      }
      if (credentials.pending === versionId) credentials.pending = null;
      return { document, result: undefined };
    });
  }

  async getStateSigningKey(): Promise<string> {
    const key = (await this.file.read()).stateSigningKey;
    if (key === null) {
      throw new SecretValueInvalidError(
        `The local secrets file ${this.file.filePath} holds no state signing key`,
      );
    }
    return key;
  }
}
