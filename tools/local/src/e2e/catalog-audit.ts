import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { CatalogEntry, ListingRecord, SimulatorHandle } from '@spapi-lake/sp-api-simulator';

// The e2e test's own reading of the simulator's catalog and listings ground truth, written
// independently of libs/catalog's row builders: what each row of catalog_items, listings_items and
// listings_issues must hold.

/** The listings the simulator served at one moment, and the catalog entries of their ASINs. */
export interface CatalogSnapshot {
  /** `<sellingPartnerId>/<marketplaceId>` -> the partner's listings there. */
  readonly listings: ReadonlyMap<string, readonly ListingRecord[]>;
  /** `<sellingPartnerId>/<marketplaceId>` -> the catalog entries of those listings' ASINs. */
  readonly catalog: ReadonlyMap<string, readonly CatalogEntry[]>;
  /** Simulated time of the snapshot. */
  readonly at: number;
}

/** The snapshot of every marketplace of `sellingPartnerIds`, read from the live simulator. */
export function captureCatalogSnapshot(
  sim: SimulatorHandle,
  sellingPartnerIds: readonly string[],
): CatalogSnapshot {
  const listings = new Map<string, readonly ListingRecord[]>();
  const catalog = new Map<string, readonly CatalogEntry[]>();
  for (const partner of sim.credentials().partners) {
    if (!sellingPartnerIds.includes(partner.sellingPartnerId)) continue;
    for (const marketplaceId of partner.marketplaceIds) {
      const lane = `${partner.sellingPartnerId}/${marketplaceId}`;
      const records = sim.catalog.listings(partner.sellingPartnerId, marketplaceId);
      const asins = new Set(records.map((record) => record.asin));
      listings.set(lane, records);
      catalog.set(
        lane,
        sim.catalog.truth(marketplaceId).filter((entry) => asins.has(entry.asin)),
      );
    }
  }
  return { listings, catalog, at: sim.clock.now() };
}

/** What {@link auditCatalog} compares. */
export interface CatalogAuditInput {
  /** The lake's curated zone. */
  readonly curatedDir: string;
  /** Taken after the daily refreshes, before any listing changed: what they must have landed. */
  readonly refreshed: CatalogSnapshot;
  /** Taken at the end of the run: the current state the lake must show (changes included). */
  readonly current: CatalogSnapshot;
  /**
   * Simulated time the run's first listings call was answered: the lower bound of the
   * `lastUpdatedDate` the simulator stamps on listings never updated before (it serves "now").
   */
  readonly fetchesFrom: number;
}

type Row = Record<string, unknown>;

/**
 * Every difference between the lake's catalog datasets and the simulator, as sentences (empty when
 * exact): each lane's daily refresh holds exactly its listings, their issues and their ASINs'
 * catalog items (no row missing, none twice, none of another refresh), and the current state of
 * every listing (its latest row) equals the listing as the simulator serves it at the end.
 */
export async function auditCatalog(input: CatalogAuditInput): Promise<string[]> {
  const problems: string[] = [];
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const query = async (sql: string): Promise<Row[]> =>
    (await connection.runAndReadAll(sql)).getRowObjectsJson();
  const dataset = (name: string) =>
    `read_parquet('${path.join(input.curatedDir, name)}/**/*.parquet', hive_partitioning = true, union_by_name = true)`;
  const latest = (name: string, key: string) =>
    `(SELECT * FROM ${dataset(name)} QUALIFY rank() OVER (PARTITION BY selling_partner_id, marketplace_id, ${key} ORDER BY _fetched_at DESC, _refresh_id DESC) = 1)`;
  try {
    for (const [lane, records] of input.refreshed.listings) {
      const [sellingPartnerId = '', marketplaceId = ''] = lane.split('/');
      const where = `selling_partner_id = '${sellingPartnerId}' AND marketplace_id = '${marketplaceId}'`;
      const refreshes = await query(
        `SELECT DISTINCT _refresh_id AS id FROM ${dataset('listings_items')} WHERE ${where} AND _trigger = 'refresh'`,
      );
      if (refreshes.length !== 1) {
        problems.push(`${lane}: ${refreshes.length} daily listings refreshes, expected 1`);
        continue;
      }
      const refreshId = String(refreshes[0]?.['id']);
      const ofRefresh = `${where} AND _refresh_id = '${refreshId}'`;

      const listed = await query(
        `SELECT ${LISTING_COLUMNS} FROM ${dataset('listings_items')} WHERE ${ofRefresh} ORDER BY sku`,
      );
      compareRows(problems, `${lane} listings_items of ${refreshId}`, listed, records, input);
      const issues = await query(
        `SELECT ${ISSUE_COLUMNS} FROM ${dataset('listings_issues')} WHERE ${ofRefresh} ORDER BY sku, issue_position`,
      );
      compareIssues(problems, `${lane} listings_issues of ${refreshId}`, issues, records);
      const items = await query(
        `SELECT ${CATALOG_COLUMNS} FROM ${dataset('catalog_items')} WHERE ${ofRefresh} ORDER BY asin`,
      );
      const entries = [...(input.refreshed.catalog.get(lane) ?? [])].sort(byKey('asin'));
      compareList(
        problems,
        `${lane} catalog_items of ${refreshId}`,
        items.map(parsedCatalogRow),
        entries.map(expectedCatalogRow),
        'asin',
      );

      const current = input.current.listings.get(lane) ?? [];
      const state = await query(
        `SELECT ${LISTING_COLUMNS} FROM ${latest('listings_items', 'sku')} WHERE ${where} AND NOT is_deleted ORDER BY sku`,
      );
      compareRows(problems, `${lane} current listings`, state, current, input);
      const currentIssues = await query(`
        SELECT ${ISSUE_COLUMNS.replace(/(^|, )(?=[a-z])/g, '$1i.')}
        FROM ${dataset('listings_issues')} i
        JOIN ${latest('listings_items', 'sku')} l
          ON i.selling_partner_id = l.selling_partner_id AND i.marketplace_id = l.marketplace_id
         AND i.sku = l.sku AND i._refresh_id = l._refresh_id
        WHERE i.${where.replace(' AND ', ' AND i.')} AND NOT l.is_deleted
        ORDER BY i.sku, i.issue_position`);
      compareIssues(problems, `${lane} current issues`, currentIssues, current);
      const gone = records.filter((record) => !current.some((now) => now.sku === record.sku));
      for (const record of gone) {
        const [tombstone] = await query(
          `SELECT is_deleted FROM ${latest('listings_items', 'sku')} WHERE ${where} AND sku = '${record.sku.replace(/'/g, "''")}'`,
        );
        if (tombstone?.['is_deleted'] !== true) {
          problems.push(
            `${lane}: deleted listing ${record.sku} has no tombstone as its latest row`,
          );
        }
      }
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return problems;
}

const LISTING_COLUMNS = [
  'sku',
  'asin',
  'is_deleted',
  'product_type',
  'condition_type',
  'status_json',
  'is_buyable',
  'is_discoverable',
  'item_name',
  'fn_sku',
  'epoch_ms(created_date)::DOUBLE AS created_date',
  'epoch_ms(last_updated_date)::DOUBLE AS last_updated_date',
  'main_image_url',
  'price_amount::DOUBLE AS price_amount',
  'price_currency',
  'fulfillment_channel_code',
  'quantity::INTEGER AS quantity',
  'issue_error_count',
  'issue_warning_count',
  'issue_info_count',
  'offers_json',
  'fulfillment_availability_json',
  'procurement_json',
  'epoch_ms(_fetched_at)::DOUBLE AS _fetched_at',
].join(', ');

const ISSUE_COLUMNS = [
  'sku',
  'asin',
  'issue_position',
  'code',
  'message',
  'severity',
  'categories_json',
  'attribute_names_json',
  'enforcement_actions_json',
  'enforcement_exemption_status',
].join(', ');

const CATALOG_COLUMNS = [
  'asin',
  'item_name',
  'brand',
  'item_classification',
  'product_type',
  'release_date::VARCHAR AS release_date',
  'browse_classification_id',
  'main_image_url',
  'attributes_json',
  'identifiers_json',
].join(', ');

const JSON_COLUMNS = [
  'offers_json',
  'fulfillment_availability_json',
  'procurement_json',
  'categories_json',
  'attribute_names_json',
  'enforcement_actions_json',
  'attributes_json',
  'identifiers_json',
  'status_json',
];

/** A listing as its listings_items row must hold it (`last_updated_date` is checked apart). */
function expectedListingRow(record: ListingRecord): Row {
  const seller = record.price !== undefined;
  return {
    sku: record.sku,
    asin: record.asin,
    is_deleted: false,
    product_type: record.productType,
    condition_type: record.conditionType,
    status_json: [...record.status],
    is_buyable: record.status.includes('BUYABLE'),
    is_discoverable: record.status.includes('DISCOVERABLE'),
    item_name: record.itemName,
    fn_sku: record.fnSku ?? null,
    created_date: Date.parse(record.createdDate),
    main_image_url: record.mainImage?.link ?? null,
    price_amount: record.price === undefined ? null : Number(record.price.amount),
    price_currency: record.price?.currencyCode ?? null,
    // The offer and the stock a seller's listing has; a vendor's has a cost price instead.
    fulfillment_channel_code: seller ? record.fulfillmentChannelCode : null,
    quantity: seller ? record.quantity : null,
    issue_error_count: record.issues.filter((issue) => issue.severity === 'ERROR').length,
    issue_warning_count: record.issues.filter((issue) => issue.severity === 'WARNING').length,
    issue_info_count: record.issues.filter((issue) => issue.severity === 'INFO').length,
    offers_json:
      record.price === undefined
        ? []
        : [{ marketplaceId: record.marketplaceId, offerType: 'B2C', price: record.price }],
    fulfillment_availability_json: seller
      ? [{ fulfillmentChannelCode: record.fulfillmentChannelCode, quantity: record.quantity }]
      : [],
    procurement_json: record.costPrice === undefined ? null : [{ costPrice: record.costPrice }],
  };
}

function expectedIssueRows(records: readonly ListingRecord[]): Row[] {
  return [...records].sort(byKey('sku')).flatMap((record) =>
    record.issues.map((issue, position) => ({
      sku: record.sku,
      asin: record.asin,
      issue_position: position,
      code: issue.code,
      message: issue.message,
      severity: issue.severity,
      categories_json: [...issue.categories],
      attribute_names_json: issue.attributeNames === undefined ? null : [...issue.attributeNames],
      enforcement_actions_json:
        issue.enforcements === undefined
          ? null
          : issue.enforcements.actions.map((action) => action.action),
      enforcement_exemption_status: issue.enforcements?.exemption.status ?? null,
    })),
  );
}

function expectedCatalogRow(entry: CatalogEntry): Row {
  return {
    asin: entry.asin,
    item_name: entry.itemName,
    brand: entry.brand,
    item_classification: entry.itemClassification,
    product_type: entry.productType,
    release_date: entry.datasets.summaries['releaseDate'] ?? null,
    browse_classification_id: entry.browseNode.classificationId,
    main_image_url: entry.mainImage.link,
    attributes_json: entry.datasets.attributes,
    identifiers_json: entry.datasets.identifiers['identifiers'] ?? null,
  };
}

function parsedCatalogRow(row: Row): Row {
  return parseJsonColumns(row);
}

function parseJsonColumns(row: Row): Row {
  const parsed: Row = { ...row };
  for (const column of JSON_COLUMNS) {
    const value = parsed[column];
    if (typeof value === 'string') parsed[column] = JSON.parse(value) as unknown;
  }
  return parsed;
}

/**
 * The listings rows against the records, one by one. `last_updated_date` of a listing updated
 * before the fetches began must be exact; one never updated before is stamped by the simulator
 * with the instant it answered, which lies between the first fetch and the row's `_fetched_at`.
 */
function compareRows(
  problems: string[],
  label: string,
  rows: readonly Row[],
  records: readonly ListingRecord[],
  input: CatalogAuditInput,
): void {
  const sorted = [...records].sort(byKey('sku'));
  const actual = rows.map((row) => {
    const { last_updated_date: updated, _fetched_at: fetchedAt, ...rest } = parseJsonColumns(row);
    return { rest, updated: Number(updated), fetchedAt: Number(fetchedAt) };
  });
  compareList(
    problems,
    label,
    actual.map((row) => row.rest),
    sorted.map(expectedListingRow),
    'sku',
  );
  if (actual.length !== sorted.length) return;
  sorted.forEach((record, index) => {
    const row = actual[index];
    if (row === undefined) return;
    const truth = Date.parse(record.lastUpdatedDate);
    const exact = truth < input.fetchesFrom;
    const ok = exact
      ? row.updated === truth
      : row.updated >= input.fetchesFrom && row.updated <= Math.min(truth, row.fetchedAt);
    if (!ok) {
      problems.push(
        `${label}: ${record.sku} last_updated_date ${iso(row.updated)}, truth ${iso(truth)}${exact ? '' : ` (served between ${iso(input.fetchesFrom)} and ${iso(row.fetchedAt)})`}`,
      );
    }
  });
}

function compareIssues(
  problems: string[],
  label: string,
  rows: readonly Row[],
  records: readonly ListingRecord[],
): void {
  compareList(problems, label, rows.map(parseJsonColumns), expectedIssueRows(records), 'sku');
}

/** Same length, then the first differing row (keys named by `key`), as a sentence. */
function compareList(
  problems: string[],
  label: string,
  actual: readonly Row[],
  expected: readonly Row[],
  key: string,
): void {
  const keys = (rows: readonly Row[]) => rows.map((row) => String(row[key]));
  const duplicates = keys(actual).filter((value, index, all) => all.indexOf(value) !== index);
  if (actual.length !== expected.length || (key !== 'sku' && duplicates.length > 0)) {
    const missing = keys(expected).filter((value) => !keys(actual).includes(value));
    const extra = keys(actual).filter((value) => !keys(expected).includes(value));
    problems.push(
      `${label}: ${actual.length} rows in the lake, ${expected.length} in the ground truth (missing ${JSON.stringify(missing.slice(0, 5))}, unexpected ${JSON.stringify(extra.slice(0, 5))}, twice ${JSON.stringify(duplicates.slice(0, 5))})`,
    );
    return;
  }
  for (let index = 0; index < expected.length; index += 1) {
    const want = expected[index] ?? {};
    const got = actual[index] ?? {};
    for (const column of new Set([...Object.keys(want), ...Object.keys(got)])) {
      if (canonical(got[column]) !== canonical(want[column])) {
        problems.push(
          `${label}: ${String(want[key])} ${column}: lake ${canonical(got[column])}, truth ${canonical(want[column])}`,
        );
        return;
      }
    }
  }
}

function byKey(key: string) {
  return (a: object, b: object) => {
    const left = String(Reflect.get(a, key));
    const right = String(Reflect.get(b, key));
    return left < right ? -1 : left > right ? 1 : 0;
  };
}

// JSON with object keys sorted, so JSON columns compare by content.
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

function iso(epochMs: number): string {
  return Number.isFinite(epochMs) ? new Date(epochMs).toISOString() : String(epochMs);
}
