import type { Region } from '@spapi-lake/config';
import { findMarketplace } from '@spapi-lake/config';

/** A selling partner an event names, as far as the event tells. */
export interface EventPartner {
  readonly sellingPartnerId: string;
  readonly region: Region;
  readonly accountType: 'seller' | 'vendor';
  readonly marketplaceIds: readonly string[];
}

const DEFAULT_MARKETPLACE: Readonly<Record<Region, string>> = {
  NA: 'ATVPDKIKX0DER',
  EU: 'A1PA6795UKMFR9',
  FE: 'A1VC38T7YXB528',
};

/**
 * Every selling partner named in an event (objects with a `sellingPartnerId`, at any depth), with
 * the region, account type and marketplaces found beside it: the local runner registers unknown
 * ones with the simulator, so hand-written events work against it.
 */
export function eventPartners(event: unknown): EventPartner[] {
  const found = new Map<string, EventPartner>();
  const visit = (value: unknown, marketplaceHint: string[]): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, marketplaceHint);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = Object.fromEntries(Object.entries(value));
    const marketplaces = marketplacesOf(record);
    const hint = marketplaces.length > 0 ? marketplaces : marketplaceHint;
    const id = record['sellingPartnerId'];
    if (typeof id === 'string' && id !== '' && !found.has(id)) {
      const region = regionOf(record['region'], hint);
      const partnerMarketplaces = hint.filter((m) => findMarketplace(m)?.region === region);
      found.set(id, {
        sellingPartnerId: id,
        region,
        accountType: record['accountType'] === 'vendor' ? 'vendor' : 'seller',
        marketplaceIds:
          partnerMarketplaces.length > 0 ? partnerMarketplaces : [DEFAULT_MARKETPLACE[region]],
      });
    }
    for (const child of Object.values(record)) visit(child, hint);
  };
  visit(event, []);
  return [...found.values()];
}

function marketplacesOf(record: Record<string, unknown>): string[] {
  const ids = [record['marketplaceIds'], record['marketplaceId']].flat();
  return ids.filter(
    (id): id is string => typeof id === 'string' && findMarketplace(id) !== undefined,
  );
}

function regionOf(value: unknown, marketplaces: readonly string[]): Region {
  if (value === 'NA' || value === 'EU' || value === 'FE') return value;
  const first = marketplaces[0];
  return (first === undefined ? undefined : findMarketplace(first)?.region) ?? 'NA';
}
