import type { World } from '../world/world';
import type { TokenStore } from './token-store';

/** The consent page's answer: a redirect to the app, or an error page. */
export type ConsentAnswer =
  | { readonly status: 302; readonly location: string }
  | { readonly status: 400 | 404; readonly message: string };

/**
 * The website authorization workflow's consent step, answered as if the partner clicked "Confirm":
 * redirects to the registered redirect URI with `state`, `selling_partner_id` and a single-use
 * `spapi_oauth_code`. Which partner consents is chosen with the simulator-only `selling_partner_id`
 * query parameter (default: the first partner of the world).
 */
export function consent(
  query: URLSearchParams,
  deps: { readonly world: World; readonly store: TokenStore; readonly now: number },
): ConsentAnswer {
  const applicationId = query.get('application_id');
  const client = [...deps.world.clients.values()].find((c) => c.applicationId === applicationId);
  if (client === undefined) return { status: 400, message: 'Unknown application_id' };
  const state = query.get('state');
  if (state === null || state === '') return { status: 400, message: 'Missing state' };
  const redirectUri = query.get('redirect_uri') ?? client.redirectUris[0];
  if (redirectUri === undefined || !client.redirectUris.includes(redirectUri)) {
    return { status: 400, message: 'redirect_uri is not registered for this application' };
  }
  const wanted = query.get('selling_partner_id');
  const partner =
    wanted === null ? deps.world.partners.values().next().value : deps.world.partners.get(wanted);
  if (partner === undefined) return { status: 404, message: 'Unknown selling partner' };
  const code = deps.store.issueAuthorizationCode(
    { clientId: client.clientId, sellingPartnerId: partner.sellingPartnerId, redirectUri },
    deps.now,
  );
  const location = new URL(redirectUri);
  location.searchParams.set('state', state);
  location.searchParams.set('selling_partner_id', partner.sellingPartnerId);
  location.searchParams.set('spapi_oauth_code', code);
  return { status: 302, location: location.toString() };
}
