import { CatalogRefreshInputError } from '@spapi-lake/catalog';
import { type CatalogEntry, addPartner, defaultWorld } from '@spapi-lake/sp-api-simulator';
import type { DuckDbLake, JsonRow } from './test/duckdb-lake';
import {
  SIMULATOR_START,
  type SimPartner,
  type SimulatedCatalog,
  startSimulatedCatalog,
} from './test/simulated-catalog';

// End to end: catalog refreshes by ISBN (US books) and by JAN (a Japanese seller on the FE endpoint)
// through the catalog refresh state machine against the simulator; the lake must hold exactly the
// simulator's items, fetched 20 identifiers per call and one marketplace per call.

jest.setTimeout(30_000);

const US = 'ATVPDKIKX0DER';
const JP = 'A1VC38T7YXB528';
const SEED = 42;

let world: SimulatedCatalog;
let jp: SimPartner;
let lake: DuckDbLake | undefined;

beforeAll(async () => {
  const simWorld = defaultWorld(SEED);
  const partner = addPartner(simWorld, {
    accountType: 'seller',
    region: 'FE',
    marketplaceIds: [JP],
  });
  world = await startSimulatedCatalog({ seed: SEED, world: simWorld });
  const found = world.sim
    .credentials()
    .partners.find((p) => p.sellingPartnerId === partner.sellingPartnerId);
  if (found === undefined) throw new Error('the JP partner is missing');
  jp = { ...found, marketplaceIds: [...found.marketplaceIds] };
});

afterAll(async () => {
  lake?.close();
  await world?.stop();
});

const identifierOf = (entry: CatalogEntry, type: string): string | undefined =>
  entry.identifiers.find((id) => id.identifierType === type)?.identifier;

function searchesOf(sellingPartnerId: string) {
  return world.sim
    .requests()
    .filter(
      (entry) =>
        entry.operationId === 'searchCatalogItems' && entry.sellingPartnerId === sellingPartnerId,
    );
}

async function refreshBy(
  partner: SimPartner,
  marketplaceId: string,
  identifiersType: 'ISBN' | 'JAN',
  identifiers: readonly string[],
  refreshId: string,
) {
  return world.runRefresh(
    {
      sellingPartnerId: partner.sellingPartnerId,
      region: partner.region,
      marketplaceIds: [marketplaceId],
      asOf: SIMULATOR_START.toISOString(),
      listings: { enabled: false },
      catalog: {
        source: { kind: 'identifiers', identifiersType, identifiers: [...identifiers] },
        includedData: ['summaries', 'identifiers', 'productTypes'],
      },
    },
    refreshId,
  );
}

/** The rows a refresh wrote, next to what the simulator serves for the same ASINs. */
async function landed(refreshId: string, marketplaceId: string, expected: readonly CatalogEntry[]) {
  lake?.close();
  lake = await world.lake();
  const rows = await lake.query(`
    SELECT asin, item_name, brand, product_type, identifiers_json
    FROM ${lake.dataset('catalog_items')}
    WHERE _refresh_id = '${refreshId}' AND marketplace_id = '${marketplaceId}'
    ORDER BY asin`);
  return {
    rows: rows.map((row): JsonRow => ({
      ...row,
      identifiers_json: JSON.parse(String(row['identifiers_json'])),
    })),
    truth: [...expected]
      .sort((a, b) => (a.asin < b.asin ? -1 : 1))
      .map((entry) => ({
        asin: entry.asin,
        item_name: entry.itemName,
        brand: entry.brand,
        product_type: entry.productType,
        identifiers_json: entry.datasets.identifiers['identifiers'],
      })),
  };
}

async function manifestOf(partner: SimPartner, refreshId: string) {
  return JSON.parse(
    (
      await world.store.getObject(
        `_manifests/catalog-refresh/selling_partner_id=${partner.sellingPartnerId}/${refreshId}.json`,
      )
    ).toString('utf8'),
  ) as { rows: Record<string, number>; catalog: { notFound: string[]; rejected: string[] } };
}

describe('catalog refresh by ISBN and JAN against the simulator', () => {
  it("lands exactly the simulator's books of a list of ISBNs, 20 per call, and names the unknown ones", async () => {
    const { na } = world.partners;
    const books = world.sim.catalog.truth(US).filter((entry) => identifierOf(entry, 'ISBN'));
    const isbns = books.map((entry) => identifierOf(entry, 'ISBN') ?? '');
    expect(isbns.length).toBeGreaterThan(20);
    expect(isbns.every((isbn) => /^97[89]\d{10}$/.test(isbn))).toBe(true);
    // As people write them too: hyphenated, and as ISBN-10 (a 978 book's ASIN is its ISBN-10).
    const [first = ''] = isbns;
    const hyphenated = `${first.slice(0, 3)}-${first.slice(3, 4)}-${first.slice(4, 12)}-${first.slice(12)}`;
    const isbn10 = books.find((entry) => /^\d/.test(entry.asin))?.asin ?? '';
    const unknown = '9780306406157';
    expect(isbns).not.toContain(unknown);
    const requested = [hyphenated, ...isbns.slice(1), isbn10, unknown];
    const before = searchesOf(na.sellingPartnerId).length;

    const run = await refreshBy(na, US, 'ISBN', requested, 'refresh-isbn');

    expect(run.error).toBeUndefined();
    // 24 ISBN-13s, the ISBN-10 and the unknown one: 26 identifiers, two calls.
    expect(searchesOf(na.sellingPartnerId).length - before).toBe(2);
    const { rows, truth } = await landed('refresh-isbn', US, books);
    expect(rows).toEqual(truth);
    const manifest = await manifestOf(na, 'refresh-isbn');
    expect(manifest.rows['catalog_items']).toBe(books.length);
    expect(manifest.catalog).toMatchObject({ notFound: [unknown], rejected: [] });
  });

  it("lands exactly the simulator's items of a list of JANs for a Japanese seller, on the FE endpoint", async () => {
    expect(jp.region).toBe('FE');
    const truth = world.sim.catalog.truth(JP);
    // Products (JAN = EAN of the UPC) and books (JAN = ISBN-13) alike.
    const products = truth.filter((e) => identifierOf(e, 'JAN') && e.productType !== 'ABIS_BOOK');
    const books = truth.filter((e) => identifierOf(e, 'JAN') && e.productType === 'ABIS_BOOK');
    const chosen = [...products.slice(0, 15), ...books.slice(0, 10)];
    const jans = chosen.map((entry) => identifierOf(entry, 'JAN') ?? '');
    expect(new Set(jans).size).toBe(25);

    const run = await refreshBy(jp, JP, 'JAN', jans, 'refresh-jan');

    expect(run.error).toBeUndefined();
    expect(world.endpointRegions()).toContain('FE');
    // The simulator answers 400 to more than 20 identifiers or a second marketplace: none was
    // rejected, and 25 JANs took two calls.
    expect(searchesOf(jp.sellingPartnerId)).toHaveLength(2);
    expect((await manifestOf(jp, 'refresh-jan')).catalog).toMatchObject({
      notFound: [],
      rejected: [],
    });
    const { rows, truth: expected } = await landed('refresh-jan', JP, chosen);
    expect(rows).toEqual(expected);
    expect(rows.some((row) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(String(row['item_name'])))).toBe(
      true,
    );
  });

  it('refuses a refresh whose marketplace is outside its region before any call', async () => {
    const before = searchesOf(jp.sellingPartnerId).length;
    const run = await world.runRefresh(
      {
        sellingPartnerId: jp.sellingPartnerId,
        region: 'NA',
        marketplaceIds: [JP],
        listings: { enabled: false },
        catalog: { source: { kind: 'identifiers', identifiersType: 'JAN', identifiers: ['4'] } },
      },
      'refresh-jan-wrong-region',
    );
    expect(run.error).toBeInstanceOf(CatalogRefreshInputError);
    expect(run.error?.message).toContain('marketplaceIds');
    expect(searchesOf(jp.sellingPartnerId)).toHaveLength(before);
  });
});
