import type { Clock } from '@spapi-lake/core';
import type { BrokerInvoker } from './broker-invoker';
import {
  BrokerInvocationError,
  ReauthorizationRequiredError,
  RefreshTokenNotFoundError,
  TokenBrokerError,
  TokenBrokerUnavailableError,
  VendRequestInvalidError,
} from './errors';
import type { PartnerKey } from './partner-key';
import { TokenCache } from './token-cache';
import type { AccessTokenProvider, TokenGrant } from './token-grant';
import { vendCacheKey } from './vend-access-token';
import { type VendFailure, type VendGrant, VendResponseSchema } from './vend-protocol';

/** Options of {@link TokenBrokerClient}. */
export interface TokenBrokerClientOptions {
  readonly invoker: BrokerInvoker;
  readonly clock: Clock;
  /** The partner whose tokens `{ kind: 'partner' }` means; grantless-only clients omit it. */
  readonly partner?: PartnerKey;
}

/**
 * Access tokens from the token broker, for the functions that call SP-API. Caches them in memory
 * until a minute before expiry with one broker call per key at a time, and implements the SP-API
 * client's `TokenProvider`. Broker failures come back as the broker's typed errors; transient ones
 * (LWA throttled or down) as TokenBrokerUnavailableError.
 */
export class TokenBrokerClient implements AccessTokenProvider {
  private readonly cache: TokenCache;

  constructor(
    private readonly options: TokenBrokerClientOptions,
    cache?: TokenCache,
  ) {
    this.cache = cache ?? new TokenCache(options.clock);
  }

  /** A client for `partner` that shares this client's cache and invoker. */
  forPartner(partner: PartnerKey): TokenBrokerClient {
    return new TokenBrokerClient({ ...this.options, partner }, this.cache);
  }

  /**
   * An access token for `grant`; `forceRefresh` skips both this cache and the broker's, unless
   * this cache already holds a newer token than the `rejectedToken` SP-API refused.
   */
  async getToken(
    grant: TokenGrant,
    options: { readonly forceRefresh?: boolean; readonly rejectedToken?: string } = {},
  ): Promise<string> {
    const vendGrant = this.toVendGrant(grant);
    const token = await this.cache.get(
      vendCacheKey(vendGrant),
      () => this.vend(vendGrant, options.forceRefresh === true),
      options,
    );
    return token.accessToken;
  }

  private toVendGrant(grant: TokenGrant): VendGrant {
    if (grant.kind === 'grantless') return { kind: 'grantless', scope: grant.scope };
    const { partner } = this.options;
    if (partner === undefined) {
      throw new VendRequestInvalidError(
        'This TokenBrokerClient has no partner; use forPartner() for partner tokens',
      );
    }
    return { kind: 'partner', sellingPartnerId: partner.sellingPartnerId, region: partner.region };
  }

  private async vend(grant: VendGrant, forceRefresh: boolean) {
    const answer = await this.options.invoker.invoke({
      action: 'vend',
      grant,
      ...(forceRefresh ? { forceRefresh } : {}),
    });
    const response = VendResponseSchema.safeParse(answer);
    if (!response.success) {
      throw new BrokerInvocationError(
        'The token broker answered something that is not a vend response',
      );
    }
    if (response.data.ok) {
      return { accessToken: response.data.accessToken, expiresAt: response.data.expiresAt };
    }
    throw rehydrate(response.data.error, grant);
  }
}

function rehydrate(failure: VendFailure, grant: VendGrant): Error {
  if (grant.kind === 'partner') {
    if (failure.name === 'ReauthorizationRequiredError') {
      return new ReauthorizationRequiredError(grant, true, {
        cause: new TokenBrokerError(failure.name, failure.message, failure.retryable),
      });
    }
    if (failure.name === 'RefreshTokenNotFoundError') return new RefreshTokenNotFoundError(grant);
  }
  if (failure.name === 'VendRequestInvalidError')
    return new VendRequestInvalidError(failure.message);
  // A transient failure behind the broker (LWA 429/5xx, TokenExchangeUnavailableError) gets the one
  // name the state machines retry; its own name stays in the message.
  if (failure.retryable) {
    return new TokenBrokerUnavailableError(`${failure.name}: ${failure.message}`);
  }
  return new TokenBrokerError(failure.name, failure.message, false);
}
