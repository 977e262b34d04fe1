import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { BrokerHarness } from './broker-harness';
import { functionUrlEvent } from './events';

/** The cookie pairs (`name=value`) a response sets, as a browser would send them back. */
export function cookiesOf(response: APIGatewayProxyStructuredResultV2): string[] {
  return (response.cookies ?? []).map((cookie) => cookie.split(';')[0] ?? '');
}

/** The `Location` of a redirect response. */
export function locationOf(response: APIGatewayProxyStructuredResultV2): URL {
  const location = response.headers?.['Location'];
  if (typeof location !== 'string')
    throw new Error(`expected a redirect, got ${response.statusCode}`);
  return new URL(location);
}

/** Where Amazon sent the browser after consent: the callback query, with its state and code. */
export interface ConsentedCallback {
  readonly query: string;
  readonly cookies: string[];
  readonly consentUrl: URL;
}

/**
 * Plays the browser through `/authorize` and the simulator's consent page (the partner clicks
 * Confirm) up to, not including, the callback.
 */
export async function consentThroughAuthorize(
  harness: BrokerHarness,
  options: { readonly query?: string; readonly sellingPartnerId: string },
): Promise<ConsentedCallback> {
  const started = await harness.handler(
    functionUrlEvent('authorize.json', { ...(options.query ? { query: options.query } : {}) }),
  );
  const consentUrl = locationOf(started);
  return {
    ...(await consent(consentUrl, options.sellingPartnerId)),
    cookies: cookiesOf(started),
    consentUrl,
  };
}

/** Follows a consent URL at the simulator (as `selling_partner_id`) to the callback query. */
export async function consent(
  consentUrl: URL,
  sellingPartnerId: string,
): Promise<{ readonly query: string }> {
  const url = new URL(consentUrl);
  url.searchParams.set('selling_partner_id', sellingPartnerId);
  const answer = await fetch(url, { redirect: 'manual' });
  if (answer.status !== 302)
    throw new Error(`consent answered ${answer.status}: ${await answer.text()}`);
  const callback = new URL(answer.headers.get('location') ?? '');
  return { query: callback.search.slice(1) };
}
