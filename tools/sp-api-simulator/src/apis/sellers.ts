import { callerPartner } from '../server/caller-partner';
import { type OperationHandlers, errorResponse } from '../server/operation';
import { MARKETPLACES } from '../world/marketplaces';
import type { Partner } from '../world/world';

/** Sellers API v1: the partner's marketplaces (wrapped in `payload`, as this API does). */
export const sellersHandlers: OperationHandlers = {
  getMarketplaceParticipations: (request, ctx) => {
    const partner = callerPartner(request.caller, ctx.world);
    if (partner === undefined)
      return errorResponse(403, 'Unauthorized', 'Access to requested resource is denied.', '');
    return { status: 200, body: { payload: participations(partner) } };
  },
  getAccount: (request, ctx) => {
    const partner = callerPartner(request.caller, ctx.world);
    if (partner === undefined)
      return errorResponse(403, 'Unauthorized', 'Access to requested resource is denied.', '');
    const country = MARKETPLACES.get(partner.marketplaceIds[0] ?? '')?.countryCode ?? 'US';
    return {
      status: 200,
      body: {
        payload: {
          marketplaceParticipationList: participations(partner),
          businessType: 'PRIVATE_LIMITED',
          sellingPlan: 'PROFESSIONAL',
          business: {
            name: storeName(partner),
            registeredBusinessAddress: { addressLine1: '1 Simulation Way', countryCode: country },
          },
        },
      },
    };
  },
};

function participations(partner: Partner): unknown[] {
  return partner.marketplaceIds.flatMap((id) => {
    const marketplace = MARKETPLACES.get(id);
    if (marketplace === undefined) return [];
    const { region: _region, ...fields } = marketplace;
    return [
      {
        marketplace: fields,
        participation: { isParticipating: true, hasSuspendedListings: false },
        storeName: storeName(partner),
      },
    ];
  });
}

function storeName(partner: Partner): string {
  return `Simulated Store ${partner.sellingPartnerId.slice(-5)}`;
}
