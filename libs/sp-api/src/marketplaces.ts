import type { SpApiRegion } from './endpoints';
import { SpApiUnknownMarketplaceError } from './errors';

/** What the client needs to know about a marketplace. */
export interface MarketplaceInfo {
  /** ISO 3166-1 alpha-2, as the Sellers API returns it (the United Kingdom is `GB`, not `UK`). */
  readonly countryCode: string;
  readonly region: SpApiRegion;
}

/** Marketplace id -> country and selling region (SPAPI.md 1.2; India is served by EU). */
export const marketplaces = {
  ATVPDKIKX0DER: { countryCode: 'US', region: 'NA' },
  A2EUQ1WTGCTBG2: { countryCode: 'CA', region: 'NA' },
  A1AM78C64UM0Y8: { countryCode: 'MX', region: 'NA' },
  A2Q3Y263D00KWC: { countryCode: 'BR', region: 'NA' },
  A1F83G8C2ARO7P: { countryCode: 'GB', region: 'EU' },
  A1PA6795UKMFR9: { countryCode: 'DE', region: 'EU' },
  A13V1IB3VIYZZH: { countryCode: 'FR', region: 'EU' },
  APJ6JRA9NG5V4: { countryCode: 'IT', region: 'EU' },
  A1RKKUPIHCS9HS: { countryCode: 'ES', region: 'EU' },
  A1805IZSGTT6HS: { countryCode: 'NL', region: 'EU' },
  A2NODRKZP88ZB9: { countryCode: 'SE', region: 'EU' },
  A1C3SOZRARQ6R3: { countryCode: 'PL', region: 'EU' },
  AMEN7PMS3EDWL: { countryCode: 'BE', region: 'EU' },
  A28R8C7NBKEWEA: { countryCode: 'IE', region: 'EU' },
  A33AVAJ2PDY3EV: { countryCode: 'TR', region: 'EU' },
  A2VIGQ35RCS4UG: { countryCode: 'AE', region: 'EU' },
  A17E79C6D8DWNP: { countryCode: 'SA', region: 'EU' },
  ARBP9OOSHTCHU: { countryCode: 'EG', region: 'EU' },
  AE08WJ6YKNBMC: { countryCode: 'ZA', region: 'EU' },
  A21TJRUUN4KGV: { countryCode: 'IN', region: 'EU' },
  A1VC38T7YXB528: { countryCode: 'JP', region: 'FE' },
  A39IBJ37TRP1C6: { countryCode: 'AU', region: 'FE' },
  A19VAU5U5O7RUS: { countryCode: 'SG', region: 'FE' },
} as const satisfies Record<string, MarketplaceInfo>;

/** A marketplace id this client knows. */
export type MarketplaceId = keyof typeof marketplaces;

/** True when `id` is one of the marketplaces of {@link marketplaces}. */
export function isKnownMarketplaceId(id: string): id is MarketplaceId {
  return Object.hasOwn(marketplaces, id);
}

/** The selling region serving marketplace `id`; throws SpApiUnknownMarketplaceError for others. */
export function regionOfMarketplace(id: string): SpApiRegion {
  if (!isKnownMarketplaceId(id)) throw new SpApiUnknownMarketplaceError(id);
  return marketplaces[id].region;
}
