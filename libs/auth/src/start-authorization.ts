import { AccountType, MARKETPLACES } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import {
  AuthorizationFlow,
  type AuthorizationStateDependencies,
  issueAuthorizationState,
} from './authorization-state';
import type { AuthorizationSettings } from './authorization-settings';
import { centralBaseUrl } from './central-urls';
import { AuthorizationRequestError } from './errors';
import { AuthMetric, type MetricsRecorder } from './metrics-recorder';

/** What starting a workflow needs. */
export interface StartAuthorizationDependencies {
  readonly signingKey: AuthorizationStateDependencies['signingKey'];
  readonly nonces: AuthorizationStateDependencies['nonces'];
  readonly clock: Clock;
  readonly metrics: MetricsRecorder;
  readonly settings: AuthorizationSettings;
}

/** `/authorize` parameters: the partner's marketplace (id or country code) and account type. */
export interface StartAuthorizationInput {
  readonly marketplace?: string;
  readonly accountType?: string;
}

/** Where to send the browser, and the cookie to set on that response. */
export interface AuthorizationRedirect {
  readonly location: string;
  readonly cookie: {
    readonly name: string;
    readonly value: string;
    readonly maxAgeSeconds: number;
  };
}

/**
 * Starts the website authorization workflow: a signed, expiring, single-use state bound to a new
 * cookie, and the Seller Central (or Vendor Central) consent URL of the partner's marketplace.
 */
export async function startAuthorization(
  deps: StartAuthorizationDependencies,
  input: StartAuthorizationInput,
): Promise<AuthorizationRedirect> {
  const marketplace = resolveMarketplace(input.marketplace);
  const accountType = resolveAccountType(input.accountType);
  const base =
    deps.settings.consentBaseUrlOverride?.[accountType] ??
    centralBaseUrl(marketplace.id, accountType);
  if (base === undefined) {
    throw new AuthorizationRequestError(
      `Amazon has no ${accountType === 'vendor' ? 'Vendor' : 'Seller'} Central for ${marketplace.country}; choose another marketplace`,
    );
  }
  const issued = await issueAuthorizationState(
    deps,
    {
      flow: AuthorizationFlow.Website,
      region: marketplace.region,
      accountType,
      marketplaceIds: [marketplace.id],
    },
    deps.settings.stateTtlMs,
  );
  const consent = new URL(`${base.replace(/\/+$/, '')}/apps/authorize/consent`);
  consent.searchParams.set('application_id', deps.settings.applicationId);
  consent.searchParams.set('state', issued.state);
  consent.searchParams.set('redirect_uri', deps.settings.redirectUri);
  if (deps.settings.draft) consent.searchParams.set('version', 'beta');
  deps.metrics.record(AuthMetric.AuthorizationStarted, 1, 'Count', { flow: 'website' });
  return {
    location: consent.toString(),
    cookie: {
      name: issued.cookieName,
      value: issued.cookieValue,
      maxAgeSeconds: Math.ceil(deps.settings.stateTtlMs / 1000),
    },
  };
}

function resolveMarketplace(value: string | undefined): (typeof MARKETPLACES)[number] {
  if (value === undefined || value.trim() === '') {
    throw new AuthorizationRequestError(
      'Name the marketplace to authorize: ?marketplace=<marketplace id or country code, e.g. DE>',
    );
  }
  const wanted = value.trim().toUpperCase();
  // The docs write the United Kingdom as UK; the marketplace table uses ISO GB.
  const country = wanted === 'UK' ? 'GB' : wanted;
  const marketplace = MARKETPLACES.find((m) => m.id === value.trim() || m.countryCode === country);
  if (marketplace === undefined) {
    throw new AuthorizationRequestError(
      `Unknown marketplace "${value.trim().slice(0, 40)}": use a marketplace id or a country code such as US, DE or JP`,
    );
  }
  return marketplace;
}

function resolveAccountType(value: string | undefined): AccountType {
  if (value === undefined || value === '') return AccountType.Seller;
  if (value === AccountType.Seller || value === AccountType.Vendor) return value;
  throw new AuthorizationRequestError('account_type must be "seller" or "vendor"');
}
