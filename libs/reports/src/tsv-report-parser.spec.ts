import { MalformedReportDocumentError } from './errors';
import { parseReport } from './parse-report';
import type { ParsedRecord } from './parsed-record';
import { reportTypeDefinition } from './report-type-registry';

async function* chunked(text: string, size = 7): AsyncGenerator<string> {
  for (let index = 0; index < text.length; index += size) yield text.slice(index, index + size);
}

async function collect(records: AsyncIterable<ParsedRecord>): Promise<ParsedRecord[]> {
  const all: ParsedRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
}

const context = { windowStart: '2026-11-01T00:00:00Z' };

describe('TSV reports', () => {
  const listings = reportTypeDefinition('GET_MERCHANT_LISTINGS_ALL_DATA');

  it('types columns by header name and partitions snapshots by the window start', async () => {
    const text =
      'seller-sku\titem-name\tprice\tquantity\topen-date\r\n' +
      'SKU-1\tKaffeemühle “Größe” – 20 €\t12,99\t3\t2016-11-18 00:05:40 PST\r\n';
    const parse = parseReport(listings, chunked(text), context);
    const [row] = await collect(parse.records);
    expect(row).toMatchObject({
      kind: 'row',
      dataset: 'merchant_listings',
      partitionDate: '2026-11-01',
      position: 2,
      values: {
        seller_sku: 'SKU-1',
        item_name: 'Kaffeemühle “Größe” – 20 €',
        price: 12.99,
        quantity: 3,
        open_date: Date.UTC(2016, 10, 18, 8, 5, 40),
        asin1: null,
      },
    });
    expect(parse.schema()[0]?.missingColumns).toContain('asin1');
  });

  it('keeps unknown columns as strings and reports them as drift', async () => {
    const text = 'seller-sku\tbrand-new-column\nSKU-1\tsurprise\n';
    const parse = parseReport(listings, chunked(text), context);
    const [row] = await collect(parse.records);
    expect(row).toMatchObject({ drift: { brand_new_column: 'surprise' } });
    expect(parse.schema()[0]?.driftColumns).toEqual(['brand_new_column']);
  });

  it('gives drift columns whose header is no column name a name that stays put', async () => {
    // A header in another script (named by its hash, wherever it moves), one that starts with a
    // digit, and a trailing tab (an empty header: named by its position).
    const text = 'seller-sku\t在庫\t3pl-id\t\nSKU-1\t5\tX-9\t\n';
    const parse = parseReport(listings, chunked(text), context);
    const [row] = await collect(parse.records);
    expect(row).toMatchObject({
      kind: 'row',
      drift: { column_15f0fef4: '5', column_3pl_id: 'X-9', column_4: null },
    });
    expect(parse.schema()[0]?.driftColumns).toEqual([
      'column_15f0fef4',
      'column_3pl_id',
      'column_4',
    ]);
    const moved = parseReport(
      listings,
      chunked('3pl-id\tseller-sku\t在庫\nX\tSKU-1\t5\n'),
      context,
    );
    await collect(moved.records);
    expect(moved.schema()[0]?.driftColumns).toEqual(['column_3pl_id', 'column_15f0fef4']);
    // Headers that snake_case alone would make one: both kept, apart.
    const alike = parseReport(
      listings,
      chunked('seller-sku\tお届け先住所1\t請求先住所1\t#\nSKU-1\ta\tb\tc\n'),
      context,
    );
    const [alikeRow] = await collect(alike.records);
    const names = alike.schema()[0]?.driftColumns ?? [];
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
    expect(names.every((name) => /^column_[a-z0-9_]+$/.test(name))).toBe(true);
    expect(Object.values((alikeRow as { drift: object }).drift)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a repeated schema header and same-named drift headers apart, by stable names', async () => {
    const text = 'seller-sku\tGift Note\tgift-note\tseller-sku\tgift-note\nA\tx\ty\tB\tz\n';
    const parse = parseReport(listings, chunked(text), context);
    const [row] = await collect(parse.records);
    // The last seller-sku is the schema column's; the first is kept as drift.
    expect(row).toMatchObject({ values: { seller_sku: 'B' } });
    const drift = (row as { drift: Record<string, string> }).drift;
    expect(Object.values(drift).sort()).toEqual(['A', 'x', 'y', 'z']);
    // Same-named headers are named by hashes of their own text, whatever the column order; the
    // very same header repeated is told apart by its position.
    const names = parse.schema()[0]?.driftColumns ?? [];
    expect(names).toHaveLength(4);
    expect(names).not.toContain('gift_note');
    const moved = parseReport(
      listings,
      chunked('gift-note\tseller-sku\tGift Note\ny\tA\tx\n'),
      context,
    );
    await collect(moved.records);
    expect([...(moved.schema()[0]?.driftColumns ?? [])].sort()).toEqual(
      [names[1], names[2]].sort(),
    );
    expect(names[3]).toBe(`${names[2]}_5`);
  });

  it("reads a column under another header Amazon prints for it, the schema's own first", async () => {
    const british = 'seller-sku\tfulfilment-channel\nSKU-1\tAMAZON_EU\n';
    const parse = parseReport(listings, chunked(british), context);
    const [row] = await collect(parse.records);
    expect(row).toMatchObject({ values: { fulfillment_channel: 'AMAZON_EU' }, drift: {} });
    expect(parse.schema()[0]?.missingColumns).not.toContain('fulfillment_channel');
    const both = 'seller-sku\tfulfilment-channel\tfulfillment-channel\nSKU-1\tA\tB\n';
    const [bothRow] = await collect(parseReport(listings, chunked(both), context).records);
    expect(bothRow).toMatchObject({
      values: { fulfillment_channel: 'B' },
      drift: { fulfilment_channel: 'A' },
    });
  });

  it('refuses a header that names none of the columns (a translated one, or no header at all)', async () => {
    const translated = '出品者SKU\t商品名\t価格\nSKU-1\tマグカップ\t1200\n';
    await expect(
      collect(parseReport(listings, chunked(translated), context).records),
    ).rejects.toThrow(
      /^the header line \(3 fields\) names none of the \d+ columns of merchant_listings: no header, or a translated one \(Amazon localises some flat files after the seller's language settings in Seller Central\)$/,
    );
    // A document without a header: its first data line stands in the header's place, and the
    // message must not quote it.
    const headerless = 'SKU-1\tMax Mustermann\tHauptstr. 1\r\n';
    const failure = await collect(parseReport(listings, chunked(headerless), context).records).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(MalformedReportDocumentError);
    expect(String(failure)).not.toMatch(/SKU-1|Mustermann|Hauptstr/);
  });

  it('quarantines rows with the wrong width or a bad value, with the reason', async () => {
    const text = 'seller-sku\tquantity\nA\t1\nB\nC\tmany\nD\t4\n';
    const records = await collect(parseReport(listings, chunked(text), context).records);
    expect(records.map((record) => record.kind)).toEqual([
      'row',
      'quarantine',
      'quarantine',
      'row',
    ]);
    expect(records[1]).toMatchObject({
      raw: 'B',
      reason: 'expected 2 fields, found 1',
      position: 3,
    });
    expect(records[2]).toMatchObject({ reason: 'column quantity: not a valid integer' });
  });

  it('partitions orders by the UTC date of the purchase', async () => {
    const orders = reportTypeDefinition('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL');
    const text =
      'amazon-order-id\tpurchase-date\titem-price\tis-business-order\n' +
      '111-1\t2026-11-02T23:30:00-08:00\t10.00\tfalse\n';
    const [row] = await collect(parseReport(orders, chunked(text), context).records);
    expect(row).toMatchObject({ partitionDate: '2026-11-03', values: { item_price: 10 } });
  });

  it('takes a document without any text for a report of no rows', async () => {
    for (const text of ['', '\r\n', ' \n\n']) {
      const parse = parseReport(listings, chunked(text), context);
      expect(await collect(parse.records)).toEqual([]);
      expect(parse.schema()).toEqual([
        { dataset: 'merchant_listings', driftColumns: [], missingColumns: [] },
      ]);
    }
  });

  it('finds the header on the first line with text', async () => {
    const text = '\r\n\nseller-sku\tquantity\nA\t1\n';
    const [row] = await collect(parseReport(listings, chunked(text), context).records);
    expect(row).toMatchObject({ kind: 'row', position: 4, values: { seller_sku: 'A' } });
  });
});
