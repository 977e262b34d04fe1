import { AuthorizationFlow, issueAuthorizationState } from './authorization-state';
import { findCentralSite } from './central-urls';
import { AuthorizationRequestError } from './errors';
import { AuthMetric } from './metrics-recorder';
import type { AuthorizationRedirect, StartAuthorizationDependencies } from './start-authorization';

/** `/login` parameters as the Selling Partner Appstore sends them. */
export interface StartAppstoreAuthorizationInput {
  readonly amazonCallbackUri?: string;
  readonly amazonState?: string;
  readonly sellingPartnerId?: string;
}

const SELLING_PARTNER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The Appstore-initiated workflow: checks that `amazon_callback_uri` is a Seller or Vendor Central
 * address, issues a state bound to a new cookie and sends the browser back to Amazon with it.
 */
export async function startAppstoreAuthorization(
  deps: StartAuthorizationDependencies,
  input: StartAppstoreAuthorizationInput,
): Promise<AuthorizationRedirect> {
  const { amazonCallbackUri, amazonState, sellingPartnerId } = input;
  if (!amazonCallbackUri || !amazonState || !sellingPartnerId) {
    throw new AuthorizationRequestError(
      'The Appstore login needs amazon_callback_uri, amazon_state and selling_partner_id; start again from the Selling Partner Appstore',
    );
  }
  if (!SELLING_PARTNER_ID.test(sellingPartnerId)) {
    throw new AuthorizationRequestError('selling_partner_id is not a selling partner id');
  }
  const site = findCentralSite(amazonCallbackUri);
  if (site === undefined) {
    throw new AuthorizationRequestError(
      'amazon_callback_uri is not a Seller Central or Vendor Central address; start again from the Selling Partner Appstore',
    );
  }
  const issued = await issueAuthorizationState(
    deps,
    {
      flow: AuthorizationFlow.Appstore,
      region: site.region,
      accountType: site.accountType,
      marketplaceIds: [...site.marketplaceIds],
      sellingPartnerId,
    },
    deps.settings.stateTtlMs,
  );
  const back = new URL(amazonCallbackUri);
  back.searchParams.set('amazon_state', amazonState);
  back.searchParams.set('state', issued.state);
  back.searchParams.set('redirect_uri', deps.settings.redirectUri);
  if (deps.settings.draft) back.searchParams.set('version', 'beta');
  deps.metrics.record(AuthMetric.AuthorizationStarted, 1, 'Count', { flow: 'appstore' });
  return {
    location: back.toString(),
    cookie: {
      name: issued.cookieName,
      value: issued.cookieValue,
      maxAgeSeconds: Math.ceil(deps.settings.stateTtlMs / 1000),
    },
  };
}
