import type { Region } from './region';

/** One Amazon marketplace: its id, ISO 3166-1 country code and the SP-API region serving it. */
export interface Marketplace {
  readonly id: string;
  readonly countryCode: string;
  readonly country: string;
  readonly region: Region;
}

/**
 * The marketplace table of SPAPI.md 1.2. The United Kingdom carries the ISO code `GB` (what the
 * Sellers API returns), not the docs' `UK`; India is served by the EU endpoint.
 */
export const MARKETPLACES = [
  { id: 'ATVPDKIKX0DER', countryCode: 'US', country: 'United States', region: 'NA' },
  { id: 'A2EUQ1WTGCTBG2', countryCode: 'CA', country: 'Canada', region: 'NA' },
  { id: 'A1AM78C64UM0Y8', countryCode: 'MX', country: 'Mexico', region: 'NA' },
  { id: 'A2Q3Y263D00KWC', countryCode: 'BR', country: 'Brazil', region: 'NA' },
  { id: 'A1F83G8C2ARO7P', countryCode: 'GB', country: 'United Kingdom', region: 'EU' },
  { id: 'A1PA6795UKMFR9', countryCode: 'DE', country: 'Germany', region: 'EU' },
  { id: 'A13V1IB3VIYZZH', countryCode: 'FR', country: 'France', region: 'EU' },
  { id: 'APJ6JRA9NG5V4', countryCode: 'IT', country: 'Italy', region: 'EU' },
  { id: 'A1RKKUPIHCS9HS', countryCode: 'ES', country: 'Spain', region: 'EU' },
  { id: 'A1805IZSGTT6HS', countryCode: 'NL', country: 'Netherlands', region: 'EU' },
  { id: 'A2NODRKZP88ZB9', countryCode: 'SE', country: 'Sweden', region: 'EU' },
  { id: 'A1C3SOZRARQ6R3', countryCode: 'PL', country: 'Poland', region: 'EU' },
  { id: 'AMEN7PMS3EDWL', countryCode: 'BE', country: 'Belgium', region: 'EU' },
  { id: 'A28R8C7NBKEWEA', countryCode: 'IE', country: 'Ireland', region: 'EU' },
  { id: 'A33AVAJ2PDY3EV', countryCode: 'TR', country: 'Turkey', region: 'EU' },
  { id: 'A2VIGQ35RCS4UG', countryCode: 'AE', country: 'United Arab Emirates', region: 'EU' },
  { id: 'A17E79C6D8DWNP', countryCode: 'SA', country: 'Saudi Arabia', region: 'EU' },
  { id: 'ARBP9OOSHTCHU', countryCode: 'EG', country: 'Egypt', region: 'EU' },
  { id: 'AE08WJ6YKNBMC', countryCode: 'ZA', country: 'South Africa', region: 'EU' },
  { id: 'A21TJRUUN4KGV', countryCode: 'IN', country: 'India', region: 'EU' },
  { id: 'A1VC38T7YXB528', countryCode: 'JP', country: 'Japan', region: 'FE' },
  { id: 'A39IBJ37TRP1C6', countryCode: 'AU', country: 'Australia', region: 'FE' },
  { id: 'A19VAU5U5O7RUS', countryCode: 'SG', country: 'Singapore', region: 'FE' },
] as const satisfies readonly Marketplace[];

/** Every marketplace id this project knows. */
export type MarketplaceId = (typeof MARKETPLACES)[number]['id'];

const byId: ReadonlyMap<string, Marketplace> = new Map(
  MARKETPLACES.map((marketplace) => [marketplace.id, marketplace]),
);

/** The marketplace with this id, or undefined when the id is unknown. */
export function findMarketplace(id: string): Marketplace | undefined {
  return byId.get(id);
}

/** True when `id` is a known marketplace id. */
export function isMarketplaceId(id: string): id is MarketplaceId {
  return byId.has(id);
}

/** The marketplaces served by one SP-API region. */
export function marketplacesInRegion(region: Region): readonly Marketplace[] {
  return MARKETPLACES.filter((marketplace) => marketplace.region === region);
}
