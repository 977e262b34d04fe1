import { createRetrieveReportHandler } from './create-retrieve-report-handler';
import { DuckDbLake } from './test/duckdb-lake';
import { type SimulatedLake, startSimulatedLake } from './test/simulated-lake';

// LARGE, run apart (`nx run report-retriever-handlers:test-large`, 1.5-3 minutes here: the
// retrieval alone is ~70 s of CPU, see tools/bench/report-to-parquet.bench.ts). A 1,000,000-row
// orders report (the simulator's size option) retrieved end to end; DuckDB's row count and
// checksums over several columns of the curated Parquet must equal the same figures computed from
// the simulator's ground truth.

const ROWS = 1_000_000;
const ORDERS = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
const US = 'ATVPDKIKX0DER';

interface Checksums {
  readonly rows: string;
  readonly positions: string;
  readonly quantity: string;
  readonly itemPriceCents: string;
  readonly purchaseMs: string;
  readonly orderIdBytes: string;
  readonly productNameBytes: string;
}

let lake: SimulatedLake;

beforeAll(async () => {
  lake = await startSimulatedLake({ reports: { rowsOverride: { [ORDERS]: ROWS } } });
});

afterAll(async () => lake?.stop());

function cents(text: string): bigint {
  if (text === '') return 0n;
  const [whole = '0', fraction = ''] = text.split('.');
  const sign = whole.startsWith('-') ? -1n : 1n;
  return sign * (BigInt(whole.replace('-', '')) * 100n + BigInt(fraction.padEnd(2, '0')));
}

function groundTruthChecksums(reportId: string): Checksums {
  const truth = lake.sim.groundTruth.report(reportId)?.rows as {
    tables: { rows: Iterable<Record<string, string>> };
  };
  let rows = 0n;
  let positions = 0n;
  let quantity = 0n;
  let itemPriceCents = 0n;
  let purchaseMs = 0n;
  let orderIdBytes = 0n;
  let productNameBytes = 0n;
  for (const row of truth.tables.rows) {
    rows += 1n;
    // Line 1 is the header: the n-th row is line n + 1.
    positions += rows + 1n;
    quantity += BigInt(row['quantity'] || '0');
    itemPriceCents += cents(row['item-price'] ?? '');
    purchaseMs += BigInt(Date.parse(row['purchase-date'] ?? ''));
    orderIdBytes += BigInt(Buffer.byteLength(row['amazon-order-id'] ?? ''));
    productNameBytes += BigInt(Buffer.byteLength(row['product-name'] ?? ''));
  }
  return {
    rows: String(rows),
    positions: String(positions),
    quantity: String(quantity),
    itemPriceCents: String(itemPriceCents),
    purchaseMs: String(purchaseMs),
    orderIdBytes: String(orderIdBytes),
    productNameBytes: String(productNameBytes),
  };
}

it('lands a 1,000,000-row orders report with the ground truth row count and checksums', async () => {
  const partner = lake.partners.na;
  const reportId = await lake.createFinishedReport(partner, {
    reportType: ORDERS,
    marketplaceIds: [US],
    dataStartTime: '2026-10-05T00:00:00Z',
    dataEndTime: '2026-10-11T23:59:59Z',
  });

  const output = await createRetrieveReportHandler(lake.deps)({
    sellingPartnerId: partner.sellingPartnerId,
    region: partner.region,
    reportType: ORDERS,
    reportConfigId: 'million-row-orders',
    marketplaceIds: [US],
    window: { start: '2026-10-05T00:00:00Z', end: '2026-10-12T00:00:00Z' },
    report: { reportId },
  });
  expect(output).toMatchObject({ rows: ROWS, quarantinedRows: 0 });

  const duck = await DuckDbLake.open(lake.curatedDirectory);
  try {
    const [read] = await duck.query(`
      SELECT count(*)::VARCHAR AS rows,
             sum("_source_position")::VARCHAR AS positions,
             sum(coalesce("quantity", 0))::VARCHAR AS quantity,
             sum(coalesce("item_price", 0) * 100)::BIGINT::VARCHAR AS itemPriceCents,
             sum(epoch_ms("purchase_date"))::VARCHAR AS purchaseMs,
             sum(strlen(coalesce("amazon_order_id", '')))::VARCHAR AS orderIdBytes,
             sum(strlen(coalesce("product_name", '')))::VARCHAR AS productNameBytes
        FROM ${duck.dataset('orders_by_order_date')}
       WHERE "_report_id" = '${reportId}'`);
    expect(read).toEqual(groundTruthChecksums(reportId));
    const [counts] = await duck.query(
      `SELECT count(DISTINCT "_source_position")::VARCHAR AS distinct FROM ${duck.dataset('orders_by_order_date')} WHERE "_report_id" = '${reportId}'`,
    );
    expect(counts).toEqual({ distinct: String(ROWS) });
  } finally {
    duck.close();
  }
});
