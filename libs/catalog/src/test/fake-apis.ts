import { CatalogQueryRejectedError } from '../errors';
import type {
  CatalogItemRecord,
  CatalogItemsPort,
  CatalogSearchPage,
  CatalogSearchQuery,
  ListingsItemRecord,
  ListingsItemsPort,
  ListingsSearchPage,
  ListingsSearchQuery,
} from '../ports';

/** A catalog item of one marketplace with the datasets the flatteners read. */
export function catalogItem(
  asin: string,
  marketplaceId: string,
  name = `Item ${asin}`,
): CatalogItemRecord {
  return {
    asin,
    summaries: [
      {
        marketplaceId,
        itemName: name,
        brand: 'Acme',
        itemClassification: 'BASE_PRODUCT',
        packageQuantity: 2,
        releaseDate: '2022-04-24',
        adultProduct: false,
        browseClassification: { displayName: 'Towels', classificationId: '123' },
      },
    ],
    productTypes: [{ marketplaceId, productType: 'HOME' }],
    images: [
      {
        marketplaceId,
        images: [
          { variant: 'PT01', link: 'https://img/pt01.jpg', height: 500, width: 500 },
          { variant: 'MAIN', link: 'https://img/main.jpg', height: 500, width: 500 },
        ],
      },
    ],
    salesRanks: [
      {
        marketplaceId,
        displayGroupRanks: [
          { websiteDisplayGroup: 'home_display_on_website', title: 'Home', rank: 42 },
        ],
      },
    ],
    relationships: [
      { marketplaceId, relationships: [{ type: 'VARIATION', parentAsins: ['BPARENT001'] }] },
    ],
    attributes: {
      item_name: [{ value: name, language_tag: 'en_US', marketplace_id: marketplaceId }],
      other_marketplace: [{ value: 'x', marketplace_id: 'OTHER' }],
    },
  };
}

/** searchCatalogItems / getCatalogItem over fixed items per marketplace, recording every query. */
export class FakeCatalogApi implements CatalogItemsPort {
  readonly searches: CatalogSearchQuery[] = [];
  readonly gets: { asin: string; marketplaceIds: readonly string[] }[] = [];
  /** Identifiers whose batch SP-API answers 400. */
  readonly invalid = new Set<string>();
  inFlight = 0;
  maxInFlight = 0;

  constructor(private readonly items: ReadonlyMap<string, readonly CatalogItemRecord[]>) {}

  async searchCatalogItems(query: CatalogSearchQuery): Promise<CatalogSearchPage> {
    this.searches.push(query);
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, 1));
    this.inFlight -= 1;
    if (query.identifiers?.some((identifier) => this.invalid.has(identifier))) {
      throw new CatalogQueryRejectedError('Invalid identifiers');
    }
    const all = this.items.get(query.marketplaceId) ?? [];
    const matches =
      query.identifiers === undefined
        ? all.filter((item) => query.keywords?.every((k) => JSON.stringify(item).includes(k)))
        : query.identifiers.flatMap((id) => all.filter((item) => item.asin === id));
    const offset = query.pageToken === undefined ? 0 : Number(query.pageToken);
    const next = offset + query.pageSize;
    return {
      numberOfResults: matches.length,
      items: matches.slice(offset, next),
      ...(next < matches.length ? { nextToken: String(next) } : {}),
    };
  }

  async getCatalogItem(
    asin: string,
    query: { readonly marketplaceIds: readonly string[] },
  ): Promise<CatalogItemRecord | undefined> {
    this.gets.push({ asin, marketplaceIds: query.marketplaceIds });
    for (const marketplaceId of query.marketplaceIds) {
      const item = this.items.get(marketplaceId)?.find((candidate) => candidate.asin === asin);
      if (item !== undefined) return item;
    }
    return undefined;
  }
}

/** A listing of one marketplace as the Listings Items API answers it. */
export function listingItem(
  sku: string,
  marketplaceId: string,
  createdDate: string,
  options: { readonly asin?: string; readonly issues?: readonly Record<string, unknown>[] } = {},
): ListingsItemRecord {
  return {
    sku,
    summaries: [
      {
        marketplaceId,
        asin:
          options.asin ??
          `B0${sku
            .toUpperCase()
            .replace(/[^A-Z0-9]/g, '')
            .padEnd(8, '0')
            .slice(0, 8)}`,
        productType: 'HOME',
        conditionType: 'new_new',
        status: ['BUYABLE', 'DISCOVERABLE'],
        itemName: `Listing ${sku}`,
        createdDate,
        lastUpdatedDate: createdDate,
        mainImage: { link: 'https://img/main.jpg', height: 500, width: 500 },
      },
    ],
    issues: options.issues ?? [],
    offers: [
      { marketplaceId, offerType: 'B2C', price: { currencyCode: 'USD', amount: '19.99' } },
      { marketplaceId: 'OTHER', offerType: 'B2C', price: { currencyCode: 'EUR', amount: '1' } },
    ],
    fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 7 }],
  };
}

/**
 * searchListingsItems sorted by createdDate (ties by SKU) with `createdAfter` inclusive, paging
 * 20 at a time and, like SP-API, at most `pageable` results per query.
 */
export class FakeListingsApi implements ListingsItemsPort {
  readonly searches: ListingsSearchQuery[] = [];
  readonly gets: { sku: string; marketplaceIds: readonly string[] }[] = [];
  failGetFor = new Set<string>();

  constructor(
    private readonly items: ReadonlyMap<string, readonly ListingsItemRecord[]>,
    private readonly pageable = 1000,
  ) {}

  async searchListingsItems(query: ListingsSearchQuery): Promise<ListingsSearchPage> {
    this.searches.push(query);
    const created = (item: ListingsItemRecord): number => {
      const summaries = item['summaries'] as readonly { createdDate: string }[];
      return Date.parse(summaries[0]?.createdDate ?? '');
    };
    const after = query.createdAfter === undefined ? -Infinity : Date.parse(query.createdAfter);
    const matches = [...(this.items.get(query.marketplaceId) ?? [])]
      .filter((item) => created(item) >= after)
      .sort((a, b) => created(a) - created(b) || (a.sku < b.sku ? -1 : 1));
    const offset = query.pageToken === undefined ? 0 : Number(query.pageToken);
    const next = offset + query.pageSize;
    return {
      numberOfResults: matches.length,
      items: matches.slice(offset, Math.min(next, this.pageable)),
      ...(next < Math.min(matches.length, this.pageable) ? { nextToken: String(next) } : {}),
    };
  }

  async getListingsItem(
    sku: string,
    query: { readonly marketplaceIds: readonly string[] },
  ): Promise<ListingsItemRecord | undefined> {
    this.gets.push({ sku, marketplaceIds: query.marketplaceIds });
    if (this.failGetFor.has(sku)) throw new Error(`listing ${sku} unavailable`);
    for (const marketplaceId of query.marketplaceIds) {
      const item = this.items.get(marketplaceId)?.find((candidate) => candidate.sku === sku);
      if (item !== undefined) return item;
    }
    return undefined;
  }
}
