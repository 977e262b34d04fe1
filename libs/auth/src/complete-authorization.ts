import type { AccountType, MarketplaceId } from '@spapi-lake/config';
import type { AccountRegistry } from './account-registry';
import { withAuthorizedAccount } from './account-list-changes';
import {
  AuthorizationFlow,
  type AuthorizationStateDependencies,
  verifyAuthorizationState,
} from './authorization-state';
import type { AuthorizationSettings } from './authorization-settings';
import {
  AuthorizationCodeRejectedError,
  AuthorizationRequestError,
  AuthorizationStateError,
  TokenGrantRejectedError,
} from './errors';
import { AuthMetric, type MetricsRecorder } from './metrics-recorder';
import type { PartnerKey } from './partner-key';
import type { SecretStore } from './secret-store';
import type { TokenExchange } from './token-exchange';

/** What the callback needs. */
export interface CompleteAuthorizationDependencies extends AuthorizationStateDependencies {
  readonly secretStore: SecretStore;
  readonly tokenExchange: TokenExchange;
  readonly accountRegistry: AccountRegistry;
  readonly metrics: MetricsRecorder;
  readonly settings: Pick<AuthorizationSettings, 'redirectUri'>;
}

/** The callback's query parameters and the request's cookies. */
export interface CompleteAuthorizationInput {
  readonly state?: string;
  readonly sellingPartnerId?: string;
  readonly code?: string;
  readonly cookies: Readonly<Record<string, string>>;
}

/** The account that is now authorized (no secret in it). */
export interface CompletedAuthorization extends PartnerKey {
  readonly flow: AuthorizationFlow;
  readonly accountType: AccountType;
  readonly marketplaceIds: readonly MarketplaceId[];
  readonly authorizedAt: string;
}

const SELLING_PARTNER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The OAuth redirect: validates state and cookie, redeems `spapi_oauth_code` at LWA (it lives five
 * minutes), stores the refresh token under partner and region with its authorization time, and
 * registers the account in the account list.
 */
export async function completeAuthorization(
  deps: CompleteAuthorizationDependencies,
  input: CompleteAuthorizationInput,
): Promise<CompletedAuthorization> {
  try {
    const completed = await complete(deps, input);
    deps.metrics.record(AuthMetric.AuthorizationCompleted, 1, 'Count', { flow: completed.flow });
    return completed;
  } catch (error) {
    const reason =
      error instanceof AuthorizationStateError
        ? error.problem
        : error instanceof Error
          ? error.name
          : 'unknown';
    deps.metrics.record(AuthMetric.AuthorizationRejected, 1, 'Count', { reason });
    throw error;
  }
}

async function complete(
  deps: CompleteAuthorizationDependencies,
  input: CompleteAuthorizationInput,
): Promise<CompletedAuthorization> {
  const claims = await verifyAuthorizationState(deps, input.state, input.cookies);
  const { sellingPartnerId, code } = input;
  if (!sellingPartnerId || !SELLING_PARTNER_ID.test(sellingPartnerId)) {
    throw new AuthorizationRequestError('The callback carries no valid selling_partner_id');
  }
  if (claims.sellingPartnerId !== undefined && claims.sellingPartnerId !== sellingPartnerId) {
    throw new AuthorizationRequestError(
      'Amazon returned another selling partner than the one the Appstore login named; start again',
    );
  }
  if (!code) {
    throw new AuthorizationRequestError(
      'The callback carries no spapi_oauth_code: the authorization was not confirmed in Seller Central',
    );
  }
  const credentials = await deps.secretStore.getClientCredentials();
  let refreshToken: string;
  try {
    ({ refreshToken } = await deps.tokenExchange.redeemAuthorizationCode(
      credentials,
      code,
      deps.settings.redirectUri,
    ));
  } catch (error) {
    if (!(error instanceof TokenGrantRejectedError)) throw error;
    throw new AuthorizationCodeRejectedError(
      'Amazon refused the authorization code: it expired (codes live five minutes), was already used, or belongs to another application. Start the authorization again.',
      { cause: error },
    );
  }
  const partner: PartnerKey = { sellingPartnerId, region: claims.region };
  const authorizedAtMs = deps.clock.now();
  const refreshTokenSecretRef = await deps.secretStore.putRefreshToken(partner, {
    refreshToken,
    authorizedAt: authorizedAtMs,
  });
  const authorizedAt = new Date(authorizedAtMs).toISOString();
  await deps.accountRegistry.update((accounts) =>
    withAuthorizedAccount(accounts, {
      ...partner,
      accountType: claims.accountType,
      marketplaceIds: claims.marketplaceIds,
      marketplacesChosen: claims.flow === AuthorizationFlow.Website,
      refreshTokenSecretRef,
      authorizedAt,
    }),
  );
  return {
    ...partner,
    flow: claims.flow,
    accountType: claims.accountType,
    marketplaceIds: claims.marketplaceIds,
    authorizedAt,
  };
}
