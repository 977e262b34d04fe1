import { VendRequestInvalidError } from './errors';
import type { PartnerKey } from './partner-key';
import type { AccessTokenProvider, TokenGrant } from './token-grant';
import { type VendDependencies, vendAccessToken } from './vend-access-token';
import type { VendGrant } from './vend-protocol';

/**
 * The SP-API client's `TokenProvider` inside the broker itself (e.g. for the grantless
 * `rotateApplicationClientSecret` call): vends straight from the broker's cache.
 */
export function vendingTokenProvider(
  deps: VendDependencies,
  partner?: PartnerKey,
): AccessTokenProvider {
  const toVendGrant = (grant: TokenGrant): VendGrant => {
    if (grant.kind === 'grantless') return { kind: 'grantless', scope: grant.scope };
    if (partner === undefined) {
      throw new VendRequestInvalidError('This token provider serves grantless tokens only');
    }
    return { kind: 'partner', sellingPartnerId: partner.sellingPartnerId, region: partner.region };
  };
  return {
    async getToken(grant, options = {}) {
      return (await vendAccessToken(deps, toVendGrant(grant), options)).accessToken;
    },
  };
}
