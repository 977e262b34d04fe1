import type { ListingRecord } from '@spapi-lake/sp-api-simulator';
import { createLocalCatalogListingsFetcher } from './local-catalog-listings-fetcher';
import { localSqsEvent } from './local-sqs-event';
import type { DuckDbLake, JsonRow } from './test/duckdb-lake';
import {
  SIMULATOR_START,
  type SimulatedCatalog,
  startSimulatedCatalog,
} from './test/simulated-catalog';

// End to end: the catalog refresh state machine (in process) and the notification-driven refresh
// against the simulator; what lands in the lake must be exactly the simulator's ground truth.

jest.setTimeout(30_000);

let world: SimulatedCatalog;
let lake: DuckDbLake;

beforeAll(async () => {
  world = await startSimulatedCatalog();
});

afterAll(async () => {
  lake?.close();
  await world?.stop();
});

const money = (amount: string | undefined) => (amount === undefined ? null : Number(amount));

/** The lake's view of a listing, comparable with the simulator's record. */
function expectedListing(record: ListingRecord): JsonRow {
  return {
    sku: record.sku,
    asin: record.asin,
    product_type: record.productType,
    condition_type: record.conditionType,
    status_json: JSON.stringify(record.status),
    item_name: record.itemName,
    fn_sku: record.fnSku ?? null,
    created_ms: Date.parse(record.createdDate),
    updated_ms: Date.parse(record.lastUpdatedDate),
    main_image_url: record.mainImage?.link ?? null,
    price: money(record.price?.amount),
    price_currency: record.price?.currencyCode ?? null,
    fulfillment_channel_code: record.price === undefined ? null : record.fulfillmentChannelCode,
    quantity: record.price === undefined ? null : record.quantity,
    issue_error_count: record.issues.filter((issue) => issue.severity === 'ERROR').length,
    issue_warning_count: record.issues.filter((issue) => issue.severity === 'WARNING').length,
  };
}

async function currentListings(
  sellingPartnerId: string,
  marketplaceId: string,
): Promise<JsonRow[]> {
  return lake.query(`
    SELECT sku, asin, product_type, condition_type, status_json, item_name, fn_sku,
           CAST(epoch_ms(created_date) AS DOUBLE) AS created_ms,
           CAST(epoch_ms(last_updated_date) AS DOUBLE) AS updated_ms,
           main_image_url, CAST(price_amount AS DOUBLE) AS price, price_currency,
           fulfillment_channel_code, CAST(quantity AS INTEGER) AS quantity,
           issue_error_count, issue_warning_count
    FROM ${lake.latest('listings_items', ['sku'])}
    WHERE selling_partner_id = '${sellingPartnerId}' AND marketplace_id = '${marketplaceId}'
      AND NOT is_deleted
    ORDER BY sku`);
}

async function currentIssues(sellingPartnerId: string, marketplaceId: string): Promise<JsonRow[]> {
  // The issues of a SKU are those of its latest listings fetch.
  return lake.query(`
    SELECT i.sku, i.code, i.severity, i.message, i.enforcement_actions_json
    FROM ${lake.dataset('listings_issues')} i
    JOIN ${lake.latest('listings_items', ['sku'])} l
      ON i.selling_partner_id = l.selling_partner_id AND i.marketplace_id = l.marketplace_id
     AND i.sku = l.sku AND i._refresh_id = l._refresh_id
    WHERE i.selling_partner_id = '${sellingPartnerId}' AND i.marketplace_id = '${marketplaceId}'
    ORDER BY i.sku, i.issue_position`);
}

function expectedIssues(records: readonly ListingRecord[]): JsonRow[] {
  return [...records]
    .sort((a, b) => (a.sku < b.sku ? -1 : 1))
    .flatMap((record) =>
      record.issues.map((issue) => ({
        sku: record.sku,
        code: issue.code,
        severity: issue.severity,
        message: issue.message,
        enforcement_actions_json:
          issue.enforcements === undefined
            ? null
            : JSON.stringify(issue.enforcements.actions.map((action) => action.action)),
      })),
    );
}

const bySku = (a: { sku: string }, b: { sku: string }) => (a.sku < b.sku ? -1 : 1);

describe('catalog refresh against the simulator', () => {
  it("lands exactly the simulator's listings and catalog items of a partner in the lake", async () => {
    const { na } = world.partners;
    const run = await world.runRefresh(
      {
        sellingPartnerId: na.sellingPartnerId,
        region: na.region,
        marketplaceIds: na.marketplaceIds,
        asOf: SIMULATOR_START.toISOString(),
      },
      'refresh-na-2026-11-01',
    );
    expect(run.error).toBeUndefined();
    expect(run.output).toMatchObject({ refreshId: 'refresh-na-2026-11-01', dt: '2026-11-01' });
    lake = await world.lake();

    for (const marketplaceId of na.marketplaceIds) {
      const truth = [...world.sim.catalog.listings(na.sellingPartnerId, marketplaceId)].sort(bySku);
      expect(truth.length).toBeGreaterThan(10);
      expect(await currentListings(na.sellingPartnerId, marketplaceId)).toEqual(
        truth.map(expectedListing),
      );
      expect(await currentIssues(na.sellingPartnerId, marketplaceId)).toEqual(
        expectedIssues(truth),
      );

      const asins = new Set(truth.map((record) => record.asin));
      const catalog = world.sim.catalog
        .truth(marketplaceId)
        .filter((entry) => asins.has(entry.asin))
        .sort((a, b) => (a.asin < b.asin ? -1 : 1));
      const rows = await lake.query(`
        SELECT asin, item_name, brand, item_classification, product_type,
               CAST(release_date AS VARCHAR) AS release_date, browse_classification_id,
               main_image_url, attributes_json, identifiers_json
        FROM ${lake.latest('catalog_items', ['asin'])}
        WHERE selling_partner_id = '${na.sellingPartnerId}' AND marketplace_id = '${marketplaceId}'
        ORDER BY asin`);
      expect(
        rows.map((row) => ({
          ...row,
          attributes_json: JSON.parse(String(row['attributes_json'])),
          identifiers_json: JSON.parse(String(row['identifiers_json'])),
        })),
      ).toEqual(
        catalog.map((entry) => ({
          asin: entry.asin,
          item_name: entry.itemName,
          brand: entry.brand,
          item_classification: entry.itemClassification,
          product_type: entry.productType,
          release_date: entry.datasets.summaries['releaseDate'],
          browse_classification_id: entry.browseNode.classificationId,
          main_image_url: entry.mainImage.link,
          attributes_json: entry.datasets.attributes,
          identifiers_json: entry.datasets.identifiers['identifiers'],
        })),
      );
    }
    const manifest = JSON.parse(
      (
        await world.store.getObject(
          `_manifests/catalog-refresh/selling_partner_id=${na.sellingPartnerId}/refresh-na-2026-11-01.json`,
        )
      ).toString('utf8'),
    ) as { rows: Record<string, number>; catalog: { notFound: string[] } };
    const listed = na.marketplaceIds.flatMap((m) =>
      world.sim.catalog.listings(na.sellingPartnerId, m),
    );
    expect(manifest.rows).toEqual({
      catalog_items: listed.length,
      listings_items: listed.length,
      listings_issues: listed.reduce((sum, record) => sum + record.issues.length, 0),
    });
    expect(manifest.catalog.notFound).toEqual([]);
    // One marketplace per catalog call and at most 20 identifiers each.
    const searches = world.sim
      .requests()
      .filter((entry) => entry.operationId === 'searchCatalogItems');
    expect(searches).toHaveLength(
      na.marketplaceIds.reduce(
        (sum, m) => sum + Math.ceil(world.sim.catalog.listings(na.sellingPartnerId, m).length / 20),
        0,
      ),
    );
    expect(world.sim.requests().filter((entry) => entry.status === 429)).toEqual([]);
  });

  it('refreshes a SKU from its LISTINGS_ITEM_* notifications and shows the state after the change', async () => {
    const { na } = world.partners;
    const [marketplaceId] = na.marketplaceIds;
    if (marketplaceId === undefined) throw new Error('no marketplace');
    await world.subscribeListings(na);
    const before = [...world.sim.catalog.listings(na.sellingPartnerId, marketplaceId)].sort(bySku);
    const changed = before.find((record) => record.status.includes('BUYABLE'));
    const deleted = before.find((record) => record !== changed);
    if (changed === undefined || deleted === undefined) throw new Error('fixture listings missing');
    world.sim.clock.advance(600_000);
    world.sim.catalog.changeListing({
      sellingPartnerId: na.sellingPartnerId,
      sku: changed.sku,
      marketplaceId,
      change: {
        status: ['DISCOVERABLE'],
        issues: [{ severity: 'ERROR', enforcementActions: ['SEARCH_SUPPRESSED'] }],
      },
    });
    world.sim.catalog.changeListing({
      sellingPartnerId: na.sellingPartnerId,
      sku: deleted.sku,
      marketplaceId,
      change: { status: ['DELETED'] },
    });
    const bodies = world.sim.queue.drain();
    expect(bodies).toHaveLength(3);
    expect(JSON.parse(bodies[0] ?? '{}')).toMatchObject({
      'detail-type': 'LISTINGS_ITEM_STATUS_CHANGE',
    });
    const getsBefore = world.sim
      .requests()
      .filter((entry) => entry.operationId === 'getListingsItem').length;

    const response = await world.fetcher.refreshListings(localSqsEvent(bodies));

    expect(response.batchItemFailures).toEqual([]);
    const gets = world.sim.requests().filter((entry) => entry.operationId === 'getListingsItem');
    expect(gets.length - getsBefore).toBe(2);
    lake.close();
    lake = await world.lake();
    const after = [...world.sim.catalog.listings(na.sellingPartnerId, marketplaceId)].sort(bySku);
    expect(after.some((record) => record.sku === deleted.sku)).toBe(false);
    expect(await currentListings(na.sellingPartnerId, marketplaceId)).toEqual(
      after.map(expectedListing),
    );
    expect(await currentIssues(na.sellingPartnerId, marketplaceId)).toEqual(expectedIssues(after));
    const [changedRow] = await lake.query(`
      SELECT is_buyable, is_discoverable, _trigger, _notification_ids
      FROM ${lake.latest('listings_items', ['sku'])}
      WHERE marketplace_id = '${marketplaceId}' AND sku = '${changed.sku.replace(/'/g, "''")}'`);
    expect(changedRow).toMatchObject({
      is_buyable: false,
      is_discoverable: true,
      _trigger: 'notification',
    });
    expect(JSON.parse(String(changedRow?.['_notification_ids']))).toHaveLength(2);
    const [tombstone] = await lake.query(`
      SELECT is_deleted FROM ${lake.latest('listings_items', ['sku'])}
      WHERE marketplace_id = '${marketplaceId}' AND sku = '${deleted.sku.replace(/'/g, "''")}'`);
    expect(tombstone).toEqual({ is_deleted: true });

    // SQS redelivers the batch: the same keys are rewritten, no row is duplicated.
    const countRows = async () =>
      lake.query(`SELECT count(*)::INTEGER AS n FROM ${lake.dataset('listings_items')}`);
    const rowsBefore = await countRows();
    expect((await world.fetcher.refreshListings(localSqsEvent(bodies))).batchItemFailures).toEqual(
      [],
    );
    expect(await countRows()).toEqual(rowsBefore);
    // A fetch made within the settling delay of a change may predate it: a later delivery fetches
    // again; once a fetch is settled, the same changes cost no call at all.
    world.sim.clock.advance(120_000);
    const getCount = () =>
      world.sim.requests().filter((e) => e.operationId === 'getListingsItem').length;
    await world.fetcher.refreshListings(localSqsEvent(bodies));
    const settled = getCount();
    expect((await world.fetcher.refreshListings(localSqsEvent(bodies))).batchItemFailures).toEqual(
      [],
    );
    expect(getCount()).toBe(settled);
    expect(world.logger.messages('info')).toContain('sku skipped');
  });

  it("lands a vendor's listings (cost price, no offer) and catalog items of chosen EANs", async () => {
    const { vendor, eu } = world.partners;
    const [usMarketplace] = vendor.marketplaceIds;
    const [deMarketplace] = eu.marketplaceIds;
    if (usMarketplace === undefined || deMarketplace === undefined)
      throw new Error('no marketplace');
    const vendorRun = await world.runRefresh(
      {
        sellingPartnerId: vendor.sellingPartnerId,
        region: vendor.region,
        marketplaceIds: vendor.marketplaceIds,
        asOf: SIMULATOR_START.toISOString(),
        listings: { includedData: ['summaries', 'issues', 'offers', 'procurement'] },
      },
      'refresh-vendor',
    );
    expect(vendorRun.error).toBeUndefined();
    const eans = world.sim.catalog
      .truth(deMarketplace)
      .flatMap((entry) =>
        entry.identifiers
          .filter((id) => id.identifierType === 'EAN')
          .map((id) => ({ ean: id.identifier, asin: entry.asin })),
      )
      .slice(0, 25);
    const euRun = await world.runRefresh(
      {
        sellingPartnerId: eu.sellingPartnerId,
        region: eu.region,
        marketplaceIds: [deMarketplace],
        asOf: SIMULATOR_START.toISOString(),
        listings: { enabled: false },
        catalog: {
          source: {
            kind: 'identifiers',
            identifiersType: 'EAN',
            identifiers: eans.map((e) => e.ean),
          },
          includedData: ['summaries', 'identifiers'],
        },
      },
      'refresh-eu-eans',
    );
    expect(euRun.error).toBeUndefined();
    lake.close();
    lake = await world.lake();

    const truth = [...world.sim.catalog.listings(vendor.sellingPartnerId, usMarketplace)].sort(
      bySku,
    );
    expect(await currentListings(vendor.sellingPartnerId, usMarketplace)).toEqual(
      truth.map(expectedListing),
    );
    const procurement = await lake.query(`
      SELECT sku, procurement_json FROM ${lake.latest('listings_items', ['sku'])}
      WHERE selling_partner_id = '${vendor.sellingPartnerId}' ORDER BY sku`);
    expect(procurement.map((row) => JSON.parse(String(row['procurement_json'])))).toEqual(
      truth.map((record) => [{ costPrice: record.costPrice }]),
    );
    const euAsins = await lake.query(`
      SELECT asin, images_json FROM ${lake.latest('catalog_items', ['asin'])}
      WHERE selling_partner_id = '${eu.sellingPartnerId}' AND marketplace_id = '${deMarketplace}'
      ORDER BY asin`);
    expect(euAsins.map((row) => row['asin'])).toEqual([...new Set(eans.map((e) => e.asin))].sort());
    expect(euAsins.every((row) => row['images_json'] === null)).toBe(true);
    const searches = world.sim
      .requests()
      .filter(
        (entry) =>
          entry.operationId === 'searchCatalogItems' &&
          entry.sellingPartnerId === eu.sellingPartnerId,
      );
    expect(searches).toHaveLength(2);
  });

  it("finds catalog items by UPC, GTIN and the partner's SKUs, and pages a brand-refined keyword search", async () => {
    const { na } = world.partners;
    const [us] = na.marketplaceIds;
    if (us === undefined) throw new Error('no marketplace');
    const truth = world.sim.catalog.truth(us);
    const identifierOf = (entry: (typeof truth)[number], type: string): string => {
      const found = entry.identifiers.find((id) => id.identifierType === type);
      if (found === undefined) throw new Error(`${entry.asin} has no ${type}`);
      return found.identifier;
    };
    const hasIdentifiers = truth.filter((entry) => entry.identifiers.length > 0);
    const byUpc = hasIdentifiers.slice(0, 5);
    const byGtin = hasIdentifiers.slice(5, 10);
    const listed = [...world.sim.catalog.listings(na.sellingPartnerId, us)].slice(0, 7);
    // The brand with the most items, so that its keyword search takes more than one page.
    const brandCounts = new Map<string, number>();
    for (const entry of truth)
      brandCounts.set(entry.brand, (brandCounts.get(entry.brand) ?? 0) + 1);
    const [brand = ''] = [...brandCounts].sort((a, b) => b[1] - a[1]).map(([name]) => name);
    const keyword = brand.split(' ')[0] ?? brand;
    const branded = truth.filter(
      (entry) => entry.brand === brand && entry.searchText.includes(keyword.toLowerCase()),
    );
    expect(branded.length).toBeGreaterThan(20);

    const sources = [
      {
        id: 'refresh-upc',
        source: {
          kind: 'identifiers',
          identifiersType: 'UPC',
          identifiers: byUpc.map((entry) => identifierOf(entry, 'UPC')),
        },
        asins: byUpc.map((entry) => entry.asin),
      },
      {
        id: 'refresh-gtin',
        source: {
          kind: 'identifiers',
          identifiersType: 'GTIN',
          identifiers: byGtin.map((entry) => identifierOf(entry, 'GTIN')),
        },
        asins: byGtin.map((entry) => entry.asin),
      },
      {
        id: 'refresh-sku',
        source: {
          kind: 'identifiers',
          identifiersType: 'SKU',
          identifiers: listed.map((record) => record.sku),
        },
        asins: listed.map((record) => record.asin),
      },
      {
        id: 'refresh-brand',
        source: { kind: 'keywords', keywords: [keyword], brandNames: [brand], maxResults: 1000 },
        asins: branded.map((entry) => entry.asin),
      },
    ];
    const searchCount = () =>
      world.sim.requests().filter((entry) => entry.operationId === 'searchCatalogItems').length;
    const calls: Record<string, number> = {};
    for (const { id, source } of sources) {
      const before = searchCount();
      const run = await world.runRefresh(
        {
          sellingPartnerId: na.sellingPartnerId,
          region: na.region,
          marketplaceIds: [us],
          asOf: SIMULATOR_START.toISOString(),
          listings: { enabled: false },
          catalog: { source, includedData: ['summaries', 'identifiers'] },
        },
        id,
      );
      expect(run.error).toBeUndefined();
      calls[id] = searchCount() - before;
    }
    // One call per identifier batch; the keyword search pages 20 items at a time.
    expect(calls).toEqual({
      'refresh-upc': 1,
      'refresh-gtin': 1,
      'refresh-sku': 1,
      'refresh-brand': Math.ceil(branded.length / 20),
    });
    lake.close();
    lake = await world.lake();
    for (const { id, asins } of sources) {
      const rows = await lake.query(`
        SELECT asin, brand, item_name FROM ${lake.dataset('catalog_items')}
        WHERE _refresh_id = '${id}' AND marketplace_id = '${us}' ORDER BY asin`);
      const expected = truth
        .filter((entry) => asins.includes(entry.asin))
        .sort((a, b) => (a.asin < b.asin ? -1 : 1))
        .map((entry) => ({ asin: entry.asin, brand: entry.brand, item_name: entry.itemName }));
      expect({ id, rows }).toEqual({ id, rows: expected });
    }

    // The same refresh again (a re-run execution of the same name) rewrites the same keys.
    const catalogKeys = async () => {
      const keys: string[] = [];
      for await (const object of world.store.list('catalog_items/')) keys.push(object.key);
      return keys;
    };
    const keysBefore = await catalogKeys();
    const [gtin] = sources.slice(1, 2);
    const rerun = await world.runRefresh(
      {
        sellingPartnerId: na.sellingPartnerId,
        region: na.region,
        marketplaceIds: [us],
        asOf: SIMULATOR_START.toISOString(),
        listings: { enabled: false },
        catalog: { source: gtin?.source, includedData: ['summaries', 'identifiers'] },
      },
      gtin?.id,
    );
    expect(rerun.error).toBeUndefined();
    expect(await catalogKeys()).toEqual(keysBefore);
    lake.close();
    lake = await world.lake();
    const [count] = await lake.query(`
      SELECT count(*)::INTEGER AS n FROM ${lake.dataset('catalog_items')}
      WHERE _refresh_id = 'refresh-gtin'`);
    expect(count).toEqual({ n: gtin?.asins.length });
    expect(keysBefore.filter((key) => key.includes('refresh-gtin'))).toEqual([
      `catalog_items/selling_partner_id=${na.sellingPartnerId}/marketplace_id=${us}/dt=2026-11-01/refresh-gtin-c00000.parquet`,
    ]);
  });

  it('fetches a plan beyond the inline limit through the manifest the Distributed Map reads', async () => {
    const { eu } = world.partners;
    const marketplaceId = eu.marketplaceIds[1] ?? '';
    const asins = world.sim.catalog
      .truth(marketplaceId)
      .map((entry) => entry.asin)
      .slice(0, 90);
    const { tasks } = createLocalCatalogListingsFetcher({
      ...world.fetcherOptions,
      settings: { chunkSize: 20, inlineChunkLimit: 2, itemReaderBucket: 'curated-bucket' },
    });
    const refresh = {
      sellingPartnerId: eu.sellingPartnerId,
      region: eu.region,
      refreshId: 'manifest-run',
      dt: '2026-11-01',
    };
    const plan = await tasks.planCatalogChunks({
      refresh,
      catalog: {
        marketplaceIds: [marketplaceId],
        source: { kind: 'identifiers', identifiersType: 'ASIN', identifiers: asins },
        includedData: ['summaries'],
      },
    });
    expect(plan).toMatchObject({ chunkCount: 5, itemReader: { Bucket: 'curated-bucket' } });
    expect(plan.chunks).toBeUndefined();
    // What the ItemReader hands each child execution, through the Map's ItemSelector.
    const manifest = JSON.parse(
      (await world.store.getObject(plan.itemReader?.Key ?? '')).toString('utf8'),
    ) as unknown[];
    for (const chunk of manifest) {
      await tasks.fetchCatalogChunk({ refresh, catalog: plan.settings, chunk });
    }
    const finish = await tasks.finishCatalogRefresh({ refresh, listings: [] });
    expect(finish.rows).toEqual({ catalog_items: 90, listings_items: 0, listings_issues: 0 });
    lake.close();
    lake = await world.lake();
    const rows = await lake.query(`
      SELECT asin FROM ${lake.dataset('catalog_items')}
      WHERE _refresh_id = 'manifest-run' ORDER BY asin`);
    expect(rows.map((row) => row['asin'])).toEqual([...asins].sort());
  });
});
