import type { AccessToken } from './access-token';
import type { AccountRegistry } from './account-registry';
import { withAccountStatus } from './account-list-changes';
import {
  ReauthorizationRequiredError,
  RefreshTokenNotFoundError,
  TokenGrantRejectedError,
} from './errors';
import { AuthMetric, type MetricsRecorder } from './metrics-recorder';
import { type PartnerKey, partnerKeyId } from './partner-key';
import type { SecretStore } from './secret-store';
import type { TokenCache } from './token-cache';
import type { TokenExchange } from './token-exchange';
import type { VendGrant } from './vend-protocol';

/** What vending needs; keep one `cache` per process so tokens outlive an invocation. */
export interface VendDependencies {
  readonly cache: TokenCache;
  readonly secretStore: SecretStore;
  readonly tokenExchange: TokenExchange;
  readonly accountRegistry: AccountRegistry;
  readonly metrics: MetricsRecorder;
}

/** The cache key of a grant: partner and region, or scope (never a credential). */
export function vendCacheKey(grant: VendGrant): string {
  return grant.kind === 'partner' ? `partner:${partnerKeyId(grant)}` : `grantless:${grant.scope}`;
}

/**
 * An access token for `grant`, from the cache or from LWA (one call per key at a time). An
 * `invalid_grant` for a partner marks its account `reauthorization-required` and throws
 * ReauthorizationRequiredError; it is never retried.
 */
export async function vendAccessToken(
  deps: VendDependencies,
  grant: VendGrant,
  options: { readonly forceRefresh?: boolean } = {},
): Promise<AccessToken> {
  const token = await deps.cache.get(vendCacheKey(grant), () => fetchToken(deps, grant), options);
  deps.metrics.record(AuthMetric.TokenVended, 1, 'Count', { grant: grant.kind });
  return token;
}

async function fetchToken(deps: VendDependencies, grant: VendGrant): Promise<AccessToken> {
  deps.metrics.record(AuthMetric.LwaTokenRequest, 1, 'Count', { grant: grant.kind });
  if (grant.kind === 'grantless') {
    const credentials = await deps.secretStore.getClientCredentials();
    return deps.tokenExchange.requestGrantlessToken(credentials, grant.scope);
  }
  const partner: PartnerKey = { sellingPartnerId: grant.sellingPartnerId, region: grant.region };
  const [credentials, stored] = await Promise.all([
    deps.secretStore.getClientCredentials(),
    deps.secretStore.getRefreshToken(partner),
  ]);
  if (stored === undefined) throw new RefreshTokenNotFoundError(partner);
  try {
    return await deps.tokenExchange.refreshAccessToken(credentials, stored.refreshToken);
  } catch (error) {
    if (!(error instanceof TokenGrantRejectedError)) throw error;
    deps.metrics.record(AuthMetric.ReauthorizationRequired, 1, 'Count', { region: partner.region });
    const recorded = await markReauthorizationRequired(deps.accountRegistry, partner);
    throw new ReauthorizationRequiredError(partner, recorded, { cause: error });
  }
}

// Best effort: the caller must learn about the re-authorization even when SSM is unavailable.
async function markReauthorizationRequired(
  registry: AccountRegistry,
  partner: PartnerKey,
): Promise<boolean> {
  try {
    await registry.update((accounts) =>
      withAccountStatus(accounts, partner, 'reauthorization-required'),
    );
    return true;
  } catch {
    return false;
  }
}
