import type { Clock } from '@spapi-lake/core';
import type { AccountRegistry } from './account-registry';
import { AuthMetric, type MetricsRecorder } from './metrics-recorder';
import type { SecretStore } from './secret-store';

/** When credentials become due: warn from `warnDays`, overdue from `dueDays` of age. */
export interface CredentialExpiryThresholds {
  readonly refreshTokenWarnDays: number;
  readonly refreshTokenDueDays: number;
  readonly clientSecretWarnDays: number;
  readonly clientSecretDueDays: number;
}

/** Re-authorization is due after 365 days, rotation after 180 (SPAPI.md 2.5, 11). */
export const DEFAULT_EXPIRY_THRESHOLDS: CredentialExpiryThresholds = {
  refreshTokenWarnDays: 330,
  refreshTokenDueDays: 365,
  clientSecretWarnDays: 170,
  clientSecretDueDays: 180,
};

/** How close a credential is to its deadline. */
export type CredentialAgeStatus = 'ok' | 'warning' | 'overdue';

/** One partner's refresh token in the report (no secret). */
export type RefreshTokenAge =
  | {
      readonly sellingPartnerId: string;
      readonly region: string;
      readonly status: CredentialAgeStatus;
      readonly ageDays: number;
      readonly authorizedAt: string;
      readonly reauthorizationDueAt: string;
    }
  | { readonly sellingPartnerId: string; readonly region: string; readonly status: 'missing' };

/** The daily check's findings; `warnings` are sentences for the log. */
export interface CredentialExpiryReport {
  readonly checkedAt: string;
  readonly clientSecret: {
    readonly status: CredentialAgeStatus;
    readonly ageDays: number;
    readonly issuedAt: string;
    readonly rotationDueAt: string;
  };
  readonly refreshTokens: readonly RefreshTokenAge[];
  readonly warnings: readonly string[];
}

/** What the check needs. */
export interface CheckCredentialExpiryDependencies {
  readonly accountRegistry: AccountRegistry;
  readonly secretStore: SecretStore;
  readonly clock: Clock;
  readonly metrics: MetricsRecorder;
}

const DAY_MS = 86_400_000;

/**
 * Ages of the client secret and of every non-disabled account's refresh token, as metrics and
 * warnings: refresh tokens from 330 days (re-authorization due at 365), the client secret from 170
 * days (rotation due at 180).
 */
export async function checkCredentialExpiry(
  deps: CheckCredentialExpiryDependencies,
  thresholds: CredentialExpiryThresholds = DEFAULT_EXPIRY_THRESHOLDS,
): Promise<CredentialExpiryReport> {
  const now = deps.clock.now();
  const warnings: string[] = [];
  const ageOf = (since: number) => Math.floor((now - since) / DAY_MS);
  const statusOf = (age: number, warn: number, due: number): CredentialAgeStatus =>
    age >= due ? 'overdue' : age >= warn ? 'warning' : 'ok';

  const credentials = await deps.secretStore.getClientCredentials();
  const secretAge = ageOf(credentials.issuedAt);
  const clientSecret = {
    status: statusOf(secretAge, thresholds.clientSecretWarnDays, thresholds.clientSecretDueDays),
    ageDays: secretAge,
    issuedAt: new Date(credentials.issuedAt).toISOString(),
    rotationDueAt: new Date(
      credentials.issuedAt + thresholds.clientSecretDueDays * DAY_MS,
    ).toISOString(),
  };
  if (clientSecret.status !== 'ok') {
    warnings.push(
      `The LWA client secret is ${secretAge} days old; rotation is due by ${clientSecret.rotationDueAt} (invoke { action: 'rotate' })`,
    );
  }

  const accounts = (await deps.accountRegistry.list()).filter((a) => a.status !== 'disabled');
  const refreshTokens: RefreshTokenAge[] = [];
  for (const account of accounts) {
    const partner = { sellingPartnerId: account.sellingPartnerId, region: account.region };
    const stored = await deps.secretStore.getRefreshToken(partner);
    if (stored === undefined) {
      refreshTokens.push({ ...partner, status: 'missing' });
      warnings.push(
        `No refresh token is stored for ${account.sellingPartnerId} (${account.region}); the partner has to authorize the application`,
      );
      continue;
    }
    const ageDays = ageOf(stored.authorizedAt);
    const entry = {
      ...partner,
      status: statusOf(ageDays, thresholds.refreshTokenWarnDays, thresholds.refreshTokenDueDays),
      ageDays,
      authorizedAt: new Date(stored.authorizedAt).toISOString(),
      reauthorizationDueAt: new Date(
        stored.authorizedAt + thresholds.refreshTokenDueDays * DAY_MS,
      ).toISOString(),
    };
    refreshTokens.push(entry);
    if (entry.status !== 'ok') {
      warnings.push(
        `The authorization of ${account.sellingPartnerId} (${account.region}) is ${ageDays} days old; the partner must re-authorize by ${entry.reauthorizationDueAt}`,
      );
    }
  }

  const ages = refreshTokens.flatMap((token) => ('ageDays' in token ? [token.ageDays] : []));
  deps.metrics.record(AuthMetric.ClientSecretAgeDays, secretAge, 'Days');
  deps.metrics.record(
    AuthMetric.ClientSecretRotationDue,
    clientSecret.status === 'ok' ? 0 : 1,
    'Count',
  );
  deps.metrics.record(AuthMetric.RefreshTokenMaxAgeDays, Math.max(0, ...ages), 'Days');
  deps.metrics.record(
    AuthMetric.RefreshTokensDueForReauthorization,
    refreshTokens.filter((t) => t.status === 'warning' || t.status === 'overdue').length,
    'Count',
  );
  deps.metrics.record(
    AuthMetric.RefreshTokensMissing,
    refreshTokens.filter((t) => t.status === 'missing').length,
    'Count',
  );
  return {
    checkedAt: new Date(now).toISOString(),
    clientSecret,
    refreshTokens,
    warnings,
  };
}
