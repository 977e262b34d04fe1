import { z } from 'zod';
import type { definitions } from '../generated/sellers.types';
import type { OperationCaller } from '../operation-caller';
import { parseResponseBody } from '../response-body';

/** Sellers v1 `MarketplaceParticipation`. */
export type MarketplaceParticipation = definitions['MarketplaceParticipation'];

/** Sellers API v1: which marketplaces the selling partner takes part in. */
export interface SellersApi {
  /** The `payload` list; filter `participation.isParticipating` and known marketplace ids. */
  getMarketplaceParticipations(): Promise<MarketplaceParticipation[]>;
}

const participationsPayload = z
  .looseObject({
    payload: z.array(
      z.looseObject({
        marketplace: z.looseObject({
          id: z.string().min(1),
          name: z.string(),
          countryCode: z.string(),
          defaultCurrencyCode: z.string(),
          defaultLanguageCode: z.string(),
          domainName: z.string(),
        }),
        participation: z.looseObject({
          isParticipating: z.boolean(),
          hasSuspendedListings: z.boolean(),
        }),
        storeName: z.string(),
      }),
    ),
  })
  .transform((body) => body.payload);

/** The Sellers API over an operation caller. */
export function createSellersApi(call: OperationCaller): SellersApi {
  return {
    async getMarketplaceParticipations() {
      const response = await call('getMarketplaceParticipations');
      return parseResponseBody(participationsPayload, response);
    },
  };
}
