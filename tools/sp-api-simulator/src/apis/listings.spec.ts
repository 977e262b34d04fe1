import { listingsTruth } from '../catalog/listings-truth';
import { inProcessContext, type InProcessContext } from '../notifications/in-process-context';
import { grantlessCaller, operationRequest, partnerCaller } from '../notifications/test-requests';
import type { Caller, OperationResponse } from '../server/operation';
import { listingsHandlers } from './listings';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';

interface ListingItem {
  sku: string;
  summaries?: {
    marketplaceId: string;
    asin: string;
    status: string[];
    lastUpdatedDate: string;
    createdDate: string;
  }[];
  issues?: { severity: string }[];
  offers?: { price: { amount: string } }[];
  [dataset: string]: unknown;
}
interface SearchBody {
  numberOfResults: number;
  items: ListingItem[];
  pagination?: { nextToken?: string; previousToken?: string };
}

async function call(
  ctx: InProcessContext,
  operationId: string,
  caller: Caller,
  parts: Parameters<typeof operationRequest>[2],
): Promise<OperationResponse> {
  const handler = listingsHandlers[operationId];
  if (handler === undefined) throw new Error(`no handler ${operationId}`);
  return handler(operationRequest(operationId, caller, parts), ctx);
}

const ctx = inProcessContext();
const partners = [...ctx.world.partners.values()];
const sellerId = partners.find((p) => p.accountType === 'seller')?.sellingPartnerId ?? '';
const vendorId = partners.find((p) => p.accountType === 'vendor')?.sellingPartnerId ?? '';
const seller = partnerCaller(ctx.world, sellerId);
const truth = listingsTruth(ctx.world, sellerId, US, ctx.clock.now());

const searchAll = async (
  query: Record<string, string | number>,
): Promise<{ items: ListingItem[]; body: SearchBody }> => {
  const items: ListingItem[] = [];
  let token: string | undefined;
  let body: SearchBody;
  do {
    const response = await call(ctx, 'searchListingsItems', seller, {
      pathParams: { sellerId },
      query: { marketplaceIds: US, pageSize: 20, ...query, ...(token ? { pageToken: token } : {}) },
    });
    expect(response.status).toBe(200);
    body = response.body as SearchBody;
    items.push(...body.items);
    token = body.pagination?.nextToken;
  } while (token !== undefined);
  return { items, body };
};

describe('getListingsItem', () => {
  it('answers the listing of the SKU with the datasets asked for', async () => {
    const record = truth.find((r) => r.issues.length > 0) ?? truth[0];
    const response = await call(ctx, 'getListingsItem', seller, {
      pathParams: { sellerId, sku: record?.sku ?? '' },
      query: {
        marketplaceIds: US,
        includedData: 'summaries,issues,offers,fulfillmentAvailability,productTypes',
      },
    });
    expect(response.status).toBe(200);
    const item = response.body as ListingItem;
    expect(item.sku).toBe(record?.sku);
    expect(item.summaries?.[0]).toMatchObject({
      marketplaceId: US,
      asin: record?.asin,
      status: record?.status,
    });
    expect(item.issues).toHaveLength(record?.issues.length ?? 0);
    expect(item.offers?.[0]?.price).toEqual(record?.price);
    expect(Object.keys(item).sort()).toEqual([
      'fulfillmentAvailability',
      'issues',
      'offers',
      'productTypes',
      'sku',
      'summaries',
    ]);
  });

  it('answers summaries only by default, one per marketplace listing the SKU', async () => {
    const inCa = new Set(listingsTruth(ctx.world, sellerId, CA, ctx.clock.now()).map((r) => r.sku));
    const shared = truth.find((r) => inCa.has(r.sku));
    const response = await call(ctx, 'getListingsItem', seller, {
      pathParams: { sellerId, sku: shared?.sku ?? '' },
      query: { marketplaceIds: `${US},${CA}` },
    });
    const item = response.body as ListingItem;
    expect(Object.keys(item).sort()).toEqual(['sku', 'summaries']);
    expect(item.summaries?.map((s) => s.marketplaceId)).toEqual([US, CA]);
  });

  it('answers 404 NOT_FOUND for an unknown SKU', async () => {
    const response = await call(ctx, 'getListingsItem', seller, {
      pathParams: { sellerId, sku: 'NO SUCH/SKU' },
      query: { marketplaceIds: US },
    });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      errors: [{ code: 'NOT_FOUND', message: `SKU 'NO SUCH/SKU' not found in marketplace ${US}` }],
    });
  });

  it('refuses another seller, a grantless token and a marketplace the seller is not in', async () => {
    const other = await call(ctx, 'getListingsItem', partnerCaller(ctx.world, vendorId), {
      pathParams: { sellerId, sku: truth[0]?.sku ?? '' },
      query: { marketplaceIds: US },
    });
    expect(other.status).toBe(403);
    const grantless = await call(ctx, 'getListingsItem', grantlessCaller(ctx.world), {
      pathParams: { sellerId, sku: truth[0]?.sku ?? '' },
      query: { marketplaceIds: US },
    });
    expect(grantless.status).toBe(403);
    const foreign = await call(ctx, 'getListingsItem', seller, {
      pathParams: { sellerId, sku: truth[0]?.sku ?? '' },
      query: { marketplaceIds: 'A1PA6795UKMFR9' },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toEqual({ errors: [expect.objectContaining({ code: 'BAD_REQUEST' })] });
  });

  it('answers vendor listings with procurement and without BUYABLE or offers', async () => {
    const vendorTruth = listingsTruth(ctx.world, vendorId, US, ctx.clock.now());
    const response = await call(ctx, 'getListingsItem', partnerCaller(ctx.world, vendorId), {
      pathParams: { sellerId: vendorId, sku: vendorTruth[0]?.sku ?? '' },
      query: { marketplaceIds: US, includedData: 'summaries,offers,procurement' },
    });
    const item = response.body as ListingItem & { procurement: unknown[] };
    expect(item.summaries?.[0]?.status).not.toContain('BUYABLE');
    expect(item.offers).toEqual([]);
    expect(item.procurement).toHaveLength(1);
  });
});

describe('searchListingsItems', () => {
  it('pages through every SKU, newest update first by default', async () => {
    const { items, body } = await searchAll({});
    expect(body.numberOfResults).toBe(truth.length);
    expect(items.map((i) => i.sku).sort()).toEqual(truth.map((r) => r.sku).sort());
    const updated = items.map((i) => Date.parse(i.summaries?.[0]?.lastUpdatedDate ?? ''));
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
  });

  it('returns 10 per page by default with a nextToken, and previousToken after', async () => {
    const first = (
      await call(ctx, 'searchListingsItems', seller, {
        pathParams: { sellerId },
        query: { marketplaceIds: US },
      })
    ).body as SearchBody;
    expect(first.items).toHaveLength(Math.min(10, truth.length));
    const second = (
      await call(ctx, 'searchListingsItems', seller, {
        pathParams: { sellerId },
        query: { marketplaceIds: US, pageToken: first.pagination?.nextToken ?? '' },
      })
    ).body as SearchBody;
    expect(second.pagination?.previousToken).toBeDefined();
    expect(second.items.map((i) => i.sku)).not.toContain(first.items[0]?.sku);
  });

  it('filters by SKU and by ASIN identifiers', async () => {
    const skus = truth.slice(0, 3).map((r) => r.sku);
    const bySku = await searchAll({ identifiers: skus.join(','), identifiersType: 'SKU' });
    expect(bySku.items.map((i) => i.sku).sort()).toEqual([...skus].sort());
    const byAsin = await searchAll({ identifiers: truth[0]?.asin ?? '', identifiersType: 'ASIN' });
    expect(byAsin.items.map((i) => i.sku)).toEqual([truth[0]?.sku]);
  });

  it('filters by status, missing status and issue severity', async () => {
    const buyable = await searchAll({ withStatus: 'BUYABLE' });
    expect(buyable.body.numberOfResults).toBe(
      truth.filter((r) => r.status.includes('BUYABLE')).length,
    );
    const notBuyable = await searchAll({ withoutStatus: 'BUYABLE' });
    expect(buyable.body.numberOfResults + notBuyable.body.numberOfResults).toBe(truth.length);
    const warnings = await searchAll({ withIssueSeverity: 'WARNING', includedData: 'issues' });
    expect(warnings.body.numberOfResults).toBe(
      truth.filter((r) => r.issues.some((i) => i.severity === 'WARNING')).length,
    );
    for (const item of warnings.items)
      expect(item.issues?.map((i) => i.severity)).toContain('WARNING');
  });

  it('sorts by SKU ascending and filters by last update', async () => {
    const bySku = await searchAll({ sortBy: 'sku', sortOrder: 'ASC' });
    const skus = bySku.items.map((i) => i.sku);
    expect(skus).toEqual([...skus].sort());
    const cut = [...truth].map((r) => r.lastUpdatedDate).sort()[Math.floor(truth.length / 2)] ?? '';
    const recent = await searchAll({ lastUpdatedAfter: cut });
    expect(recent.body.numberOfResults).toBe(truth.filter((r) => r.lastUpdatedDate >= cut).length);
  });

  it.each([
    ['identifiers without identifiersType', { identifiers: 'A' }],
    [
      'identifiers with variationParentSku',
      { identifiers: 'A', identifiersType: 'SKU', variationParentSku: 'P' },
    ],
    ['pageSize 0', { pageSize: 0 }],
    ['a token from another query', { pageToken: 'bm90LWEtdG9rZW4' }],
  ])('answers 400 for %s', async (_, query) => {
    const response = await call(ctx, 'searchListingsItems', seller, {
      pathParams: { sellerId },
      query: { marketplaceIds: US, ...query },
    });
    expect(response.status).toBe(400);
  });
});
