import { catalogTruth } from '../catalog/catalog-truth';
import { listingsTruth } from '../catalog/listings-truth';
import { inProcessContext, type InProcessContext } from '../notifications/in-process-context';
import { grantlessCaller, operationRequest, partnerCaller } from '../notifications/test-requests';
import type { Caller, OperationResponse } from '../server/operation';
import { catalogHandlers } from './catalog';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';

interface SearchBody {
  numberOfResults: number;
  items: { asin: string; [dataset: string]: unknown }[];
  pagination: { nextToken?: string; previousToken?: string };
  refinements: {
    brands: { brandName: string; numberOfResults: number }[];
    classifications: unknown[];
  };
}

async function call(
  ctx: InProcessContext,
  operationId: string,
  caller: Caller,
  parts: Parameters<typeof operationRequest>[2],
): Promise<OperationResponse> {
  const handler = catalogHandlers[operationId];
  if (handler === undefined) throw new Error(`no handler ${operationId}`);
  return handler(operationRequest(operationId, caller, parts), ctx);
}

function setup(): { ctx: InProcessContext; seller: Caller; sellerId: string; vendor: Caller } {
  const ctx = inProcessContext();
  const partners = [...ctx.world.partners.values()];
  const sellerId = partners.find((p) => p.accountType === 'seller')?.sellingPartnerId ?? '';
  const vendorId = partners.find((p) => p.accountType === 'vendor')?.sellingPartnerId ?? '';
  return {
    ctx,
    sellerId,
    seller: partnerCaller(ctx.world, sellerId),
    vendor: partnerCaller(ctx.world, vendorId),
  };
}

const search = (ctx: InProcessContext, caller: Caller, query: Record<string, string | number>) =>
  call(ctx, 'searchCatalogItems', caller, { query: { marketplaceIds: US, ...query } });

describe('catalog truth', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const asins = (seed: number) =>
      catalogTruth(inProcessContext({ seed }).world, US).map((e) => e.asin);
    expect(asins(7)).toEqual(asins(7));
    expect(asins(7)).not.toEqual(asins(8));
    expect(asins(7).length).toBeGreaterThan(100);
  });

  it('holds every ASIN the partners list, and localised non-ASCII names in EU and JP', () => {
    const { ctx, sellerId } = setup();
    const catalog = new Set(catalogTruth(ctx.world, US).map((e) => e.asin));
    for (const listing of listingsTruth(ctx.world, sellerId, US))
      expect(catalog.has(listing.asin)).toBe(true);
    expect(catalogTruth(ctx.world, DE).some((e) => /[äöüßé]/.test(e.itemName))).toBe(true);
    expect(
      catalogTruth(ctx.world, JP).some((e) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(e.itemName)),
    ).toBe(true);
    expect(catalogTruth(ctx.world, 'NOT_A_MARKETPLACE')).toEqual([]);
  });
});

describe('searchCatalogItems', () => {
  it('finds items by ASIN in the order asked, with summaries by default', async () => {
    const { ctx, seller } = setup();
    const [a, b] = catalogTruth(ctx.world, US)
      .slice(3, 5)
      .map((e) => e.asin);
    const response = await search(ctx, seller, {
      identifiers: `${b},${a},B0NOTEXIST`,
      identifiersType: 'ASIN',
    });
    const body = response.body as SearchBody;
    expect(response.status).toBe(200);
    expect(body.numberOfResults).toBe(2);
    expect(body.items.map((item) => item.asin)).toEqual([b, a]);
    expect(Object.keys(body.items[0] ?? {}).sort()).toEqual(['asin', 'summaries']);
  });

  it('finds items by UPC and EAN, and by SKU for the seller', async () => {
    const { ctx, seller, sellerId } = setup();
    const entry = catalogTruth(ctx.world, US).find((e) => e.identifiers.length > 0);
    const upc = entry?.identifiers.find((id) => id.identifierType === 'UPC')?.identifier ?? '';
    const byUpc = (await search(ctx, seller, { identifiers: upc, identifiersType: 'UPC' }))
      .body as SearchBody;
    expect(byUpc.items.map((i) => i.asin)).toEqual([entry?.asin]);
    const byEan = (await search(ctx, seller, { identifiers: `0${upc}`, identifiersType: 'EAN' }))
      .body as SearchBody;
    expect(byEan.items.map((i) => i.asin)).toEqual([entry?.asin]);

    const listing = listingsTruth(ctx.world, sellerId, US, ctx.clock.now())[0];
    const bySku = await search(ctx, seller, {
      identifiers: listing?.sku ?? '',
      identifiersType: 'SKU',
      sellerId,
    });
    expect((bySku.body as SearchBody).items.map((i) => i.asin)).toEqual([listing?.asin]);
  });

  it.each([
    ['SKU without sellerId', { identifiers: 'X', identifiersType: 'SKU' }],
    ['identifiers and keywords', { identifiers: 'B0X', identifiersType: 'ASIN', keywords: 'mat' }],
    ['neither identifiers nor keywords', {}],
    ['identifiers without identifiersType', { identifiers: 'B0X' }],
    [
      'more than 20 identifiers',
      {
        identifiers: Array.from({ length: 21 }, (_, i) => `B0${i}`).join(','),
        identifiersType: 'ASIN',
      },
    ],
    [
      'brandNames on an identifier search',
      { identifiers: 'B0X', identifiersType: 'ASIN', brandNames: 'Großmann' },
    ],
    ['two marketplaces', { marketplaceIds: `${US},${CA}`, keywords: 'mat' }],
    ['an unknown marketplace', { marketplaceIds: 'XX', keywords: 'mat' }],
    ['pageSize above 20', { keywords: 'mat', pageSize: 21 }],
    ['a garbage pageToken', { keywords: 'mat', pageToken: 'garbage' }],
  ])('answers 400 for %s', async (_, query) => {
    const { ctx, seller } = setup();
    const response = await search(ctx, seller, query);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [expect.objectContaining({ code: 'InvalidInput' })] });
  });

  it('needs every keyword, filters by brand, and counts refinements', async () => {
    const { ctx, seller } = setup();
    const catalog = catalogTruth(ctx.world, US);
    const expected = catalog.filter(
      (e) => e.searchText.includes('yoga') && e.searchText.includes('mat'),
    );
    const body = (await search(ctx, seller, { keywords: 'Yoga,MAT', pageSize: 20 }))
      .body as SearchBody;
    expect(body.numberOfResults).toBe(expected.length);
    expect(body.numberOfResults).toBeGreaterThan(0);
    const total = body.refinements.brands.reduce((sum, b) => sum + b.numberOfResults, 0);
    expect(total).toBe(expected.length);

    const brand = expected[0]?.brand ?? '';
    const branded = (
      await search(ctx, seller, { keywords: 'yoga', brandNames: brand, pageSize: 20 })
    ).body as SearchBody;
    expect(branded.numberOfResults).toBe(expected.filter((e) => e.brand === brand).length);
  });

  it('pages through every result with nextToken and previousToken', async () => {
    const { ctx, seller } = setup();
    const expected = catalogTruth(ctx.world, US)
      .filter((e) => e.searchText.includes('kitchen') || e.productType === 'KITCHEN')
      .filter((e) => e.searchText.includes('kitchen'));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const response = await search(ctx, seller, {
        keywords: 'kitchen',
        pageSize: 5,
        ...(token ? { pageToken: token } : {}),
      });
      const body = response.body as SearchBody;
      expect(body.numberOfResults).toBe(expected.length);
      if (pages > 0) expect(body.pagination.previousToken).toBeDefined();
      seen.push(...body.items.map((item) => item.asin));
      token = body.pagination.nextToken;
      pages += 1;
    } while (token !== undefined);
    expect(seen).toEqual(expected.map((e) => e.asin));
    expect(pages).toBe(Math.ceil(expected.length / 5));

    const first = (await search(ctx, seller, { keywords: 'kitchen', pageSize: 5 }))
      .body as SearchBody;
    const foreign = await search(ctx, seller, {
      keywords: 'yoga',
      pageToken: first.pagination.nextToken ?? '',
    });
    expect(foreign.status).toBe(400);
  });

  it('returns only the datasets asked for, and vendorDetails only to vendors', async () => {
    const { ctx, seller, vendor } = setup();
    const asin = catalogTruth(ctx.world, US)[0]?.asin ?? '';
    const query = {
      identifiers: asin,
      identifiersType: 'ASIN',
      includedData: 'identifiers,images,vendorDetails',
    };
    const forSeller = (await search(ctx, seller, query)).body as SearchBody;
    expect(Object.keys(forSeller.items[0] ?? {}).sort()).toEqual(['asin', 'identifiers', 'images']);
    const forVendor = (await search(ctx, vendor, query)).body as SearchBody;
    expect(Object.keys(forVendor.items[0] ?? {}).sort()).toEqual([
      'asin',
      'identifiers',
      'images',
      'vendorDetails',
    ]);
  });

  it('refuses grantless tokens', async () => {
    const { ctx } = setup();
    expect((await search(ctx, grantlessCaller(ctx.world), { keywords: 'mat' })).status).toBe(403);
  });
});

describe('getCatalogItem', () => {
  it('answers one entry per requested marketplace that carries the ASIN', async () => {
    const { ctx, seller } = setup();
    const ca = new Set(catalogTruth(ctx.world, CA).map((e) => e.asin));
    const shared = catalogTruth(ctx.world, US).find((e) => ca.has(e.asin));
    const response = await call(ctx, 'getCatalogItem', seller, {
      pathParams: { asin: shared?.asin ?? '' },
      query: { marketplaceIds: `${US},${CA}`, includedData: 'summaries,attributes' },
    });
    expect(response.status).toBe(200);
    const body = response.body as {
      summaries: { marketplaceId: string }[];
      attributes: Record<string, unknown[]>;
    };
    expect(body.summaries.map((s) => s.marketplaceId)).toEqual([US, CA]);
    expect(body.attributes['item_name']).toHaveLength(2);
  });

  it('answers 404 NOT_FOUND for an unknown ASIN', async () => {
    const { ctx, seller } = setup();
    const response = await call(ctx, 'getCatalogItem', seller, {
      pathParams: { asin: 'B0NOTEXIST' },
      query: { marketplaceIds: US },
    });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      errors: [
        {
          code: 'NOT_FOUND',
          message: `Requested item, B0NOTEXIST, not found in marketplace(s) ${US}.`,
        },
      ],
    });
  });
});
