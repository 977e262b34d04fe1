import type { Account, AccountInput } from '@spapi-lake/config';
import { parseAccounts } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import type { AccessToken } from '../access-token';
import type { AccountRegistry } from '../account-registry';
import type {
  ClientCredentials,
  CurrentClientCredentials,
  StoredClientCredentials,
} from '../client-credentials';
import { ClientSecretPromotionConflictError } from '../errors';
import type { ClientSecretRotator } from '../client-secret-rotator';
import type { GrantlessScope } from '../grantless-scope';
import type { AuthMetric, AuthMetricUnit, MetricsRecorder } from '../metrics-recorder';
import type { NonceSource } from '../nonce-source';
import { type PartnerKey, partnerKeyId } from '../partner-key';
import type { PendingClientSecret, SecretStore, StoredRefreshToken } from '../secret-store';
import type { TokenExchange } from '../token-exchange';
import type { UsedStateStore } from '../used-state-store';

/** A clock that moves only when told. */
export class ManualClock implements Clock {
  constructor(private time = Date.parse('2026-11-01T00:00:00Z')) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.time += ms;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Nonces `n-0000000000000001`, `n-…2`, …: distinct, predictable, long enough. */
export class CountingNonces implements NonceSource {
  private count = 0;
  next(): string {
    this.count += 1;
    return `nonce-${String(this.count).padStart(16, '0')}`;
  }
}

/** Secrets in memory, with client secret versions like Secrets Manager's stages. */
export class InMemorySecretStore implements SecretStore {
  readonly refreshTokens = new Map<string, StoredRefreshToken>();
  readonly versions = new Map<string, StoredClientCredentials>();
  current: string;
  previous: string | undefined;
  readonly idempotency = new Map<string, string>();

  constructor(
    credentials: StoredClientCredentials,
    private readonly signingKey = 'k'.repeat(48),
  ) {
    this.current = 'v1';
    this.versions.set('v1', credentials);
  }

  async getRefreshToken(partner: PartnerKey): Promise<StoredRefreshToken | undefined> {
    return this.refreshTokens.get(partnerKeyId(partner));
  }
  async putRefreshToken(partner: PartnerKey, token: StoredRefreshToken): Promise<string> {
    this.refreshTokens.set(partnerKeyId(partner), token);
    return `refresh-tokens/${partner.sellingPartnerId}/${partner.region}`;
  }
  async getClientCredentials(): Promise<CurrentClientCredentials> {
    const current = this.versions.get(this.current);
    if (current === undefined) throw new Error('no current version');
    return { ...current, versionId: this.current };
  }
  async stageClientSecret(secret: PendingClientSecret, idempotencyKey: string): Promise<string> {
    const known = this.idempotency.get(idempotencyKey);
    if (known !== undefined) return known;
    const id = `v${this.versions.size + 1}`;
    this.versions.set(id, secret);
    this.idempotency.set(idempotencyKey, id);
    return id;
  }
  async promoteClientSecret(versionId: string, replacing: string): Promise<void> {
    if (this.current === versionId) return;
    if (this.current !== replacing) {
      throw new ClientSecretPromotionConflictError(`${replacing} is no longer current`);
    }
    this.previous = this.current;
    this.current = versionId;
  }
  async getStateSigningKey(): Promise<string> {
    return this.signingKey;
  }
}

/** The account list in memory, validated on every write like the SSM adapter does. */
export class InMemoryAccountRegistry implements AccountRegistry {
  writes = 0;
  failWith: Error | undefined;
  constructor(public accounts: AccountInput[] = []) {}
  async list(): Promise<Account[]> {
    return parseAccounts(this.accounts);
  }
  async update(change: (accounts: readonly AccountInput[]) => AccountInput[]): Promise<void> {
    if (this.failWith) throw this.failWith;
    const next = change(this.accounts);
    parseAccounts(next);
    this.accounts = next;
    this.writes += 1;
  }
}

/** Used states in memory. */
export class InMemoryUsedStateStore implements UsedStateStore {
  readonly used = new Map<string, number>();
  async claim(stateId: string, expiresAt: number): Promise<boolean> {
    if (this.used.has(stateId)) return false;
    this.used.set(stateId, expiresAt);
    return true;
  }
}

/** Every metric data point recorded. */
export class RecordingMetrics implements MetricsRecorder {
  readonly points: {
    name: AuthMetric;
    value: number;
    unit: AuthMetricUnit;
    dimensions?: Readonly<Record<string, string>>;
  }[] = [];
  record(
    name: AuthMetric,
    value: number,
    unit: AuthMetricUnit,
    dimensions?: Readonly<Record<string, string>>,
  ): void {
    this.points.push({ name, value, unit, ...(dimensions ? { dimensions } : {}) });
  }
  total(name: AuthMetric): number {
    return this.points.filter((p) => p.name === name).reduce((sum, p) => sum + p.value, 0);
  }
}

/** Counts rotation requests. */
export class CountingRotator implements ClientSecretRotator {
  calls = 0;
  async rotate(): Promise<void> {
    this.calls += 1;
  }
}

/** A token answer valid one hour from `now`. */
export function tokenAt(now: number, accessToken = 'Atza|fresh'): AccessToken {
  return { accessToken, expiresAt: now + 3_600_000 };
}

/** Credentials a test LWA client uses. */
export const CLIENT: ClientCredentials = {
  clientId: 'amzn1.application-oa2-client.test',
  clientSecret: 'amzn1.oa2-cs.v1.current-secret-value',
};

/** A TokenExchange whose answers tests script; records every call (credentials included). */
export class ScriptedTokenExchange implements TokenExchange {
  readonly calls: { method: string; credentials: ClientCredentials; subject: string }[] = [];
  refresh: (refreshToken: string) => Promise<AccessToken> = async () => tokenAt(0);
  grantless: (credentials: ClientCredentials, scope: string) => Promise<AccessToken> = async () =>
    tokenAt(0);
  redeem: (code: string) => Promise<AccessToken & { refreshToken: string }> = async () => ({
    ...tokenAt(0),
    refreshToken: 'Atzr|new-refresh-token',
  });

  async refreshAccessToken(credentials: ClientCredentials, refreshToken: string) {
    this.calls.push({ method: 'refresh', credentials, subject: refreshToken });
    return this.refresh(refreshToken);
  }
  async requestGrantlessToken(credentials: ClientCredentials, scope: GrantlessScope) {
    this.calls.push({ method: 'grantless', credentials, subject: scope });
    return this.grantless(credentials, scope);
  }
  async redeemAuthorizationCode(credentials: ClientCredentials, code: string, redirectUri: string) {
    this.calls.push({ method: 'redeem', credentials, subject: `${code} ${redirectUri}` });
    return this.redeem(code);
  }
  count(method: string): number {
    return this.calls.filter((call) => call.method === method).length;
  }
}
