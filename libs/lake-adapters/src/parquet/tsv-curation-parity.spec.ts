import { parquetReadObjects } from 'hyparquet';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import {
  type CurationResult,
  LINES_PER_SCAN,
  type TsvCurationOutput,
  type TsvCuratorFactory,
  curateDocument,
  inProcessTsvCurator,
} from '@spapi-lake/ingestion';
import {
  type ColumnDefinition,
  type ReportTypeDefinition,
  reportTypeDefinition,
  reportTypeDefinitions,
} from '@spapi-lake/reports';
import iconv from 'iconv-lite';
import { decodeReportDocument, decompressReportDocument } from '@spapi-lake/report-documents';
import { HyparquetSink } from '../hyparquet-sink';
import { LocalDiskObjectStore } from '../local-disk-object-store';
import { columnarParquetEncoding } from './columnar-parquet-encoding';

// The columnar TSV path against the row path (parseReport -> PartitionedParquetWriter ->
// HyparquetSink) on documents full of awkward cells, for every TSV report type: the same objects at
// the same keys, the same rows read back, byte-identical quarantine, the same result.

const variants: Readonly<Record<ColumnDefinition['type'], readonly string[]>> = {
  // \u0001 becomes a byte that is not UTF-8 in the UTF-8 documents (see bytesOf).
  string: ['Kaffeemühle – Größe M 😀', 'plain', '', ' padded ', 'bad\u0001utf8', '„Zitat“ €'],
  integer: [
    '3',
    '-12',
    '1,234',
    '-1,234',
    ' 4',
    '-12 ',
    'x',
    '-x',
    '12345678901234567890',
    '0,125',
    '',
  ],
  decimal: [
    '19.99',
    '-0.00',
    '12,99',
    '1.234,56',
    '0,125',
    '-0,5',
    '12,345',
    '1.234,125',
    '0.001',
    '1e3',
    '1.5',
    '100000000000000000000',
    'abc',
    '',
    '7',
  ],
  double: ['1.5', '1,5', '-2', '0,125', '-0,125', '12,345', 'nope', ''],
  boolean: ['true', 'false', 'Yes', 'N', 'maybe', ''],
  timestamp: [
    '2026-10-01T10:00:00+00:00',
    '2026-10-02T23:30:00-01:00',
    '2026-10-03T08:00:00Z',
    '2026-10-03T08:00:00.250Z',
    '2016-11-18 00:05:40 PST',
    '03.10.2026 10:00:00',
    '2026-02-30T10:00:00Z',
    '2026-10-04',
    '04.10.2026',
    // Slashed, as UK and Japanese files print them (day first in this German marketplace).
    '08/07/2016 10:12:40 BST',
    '2009/09/18 15:18:58 JST',
    '08/07/2016 10:12:40',
    'soon',
    '',
  ],
  date: [
    '2026-10-01',
    '02.10.2026',
    '2026-10-03T10:00:00Z',
    '08/07/2016',
    '2016/07/08',
    '2026-13-01',
    'bad',
    '',
  ],
};

function documentFor(definition: ReportTypeDefinition): string {
  const columns = definition.datasets[0]?.columns ?? [];
  // Drift: two headers with one snake_case name, one without a usable name, one colliding with a
  // schema column's name, and an empty one (a trailing tab).
  const drift = ['Gift Note', 'gift-note', '2nd value', columns[0]?.name.toUpperCase() ?? 'X', ''];
  const header = [...columns.map((column) => column.source), ...drift];
  const lines = [`\uFEFF${header.join('\t')}`];
  for (let i = 0; i < 240; i++) {
    if (i % 37 === 5) lines.push('');
    if (i % 41 === 7) lines.push('\t\t');
    if (i % 43 === 9) lines.push('too\tfew');
    const cells = columns.map((column, c) => {
      const options = variants[column.type];
      // Mostly the common form, so the fast path does most rows; the rest cycle through variants.
      return i % 3 === 0 ? (options[(i + c) % options.length] ?? '') : (options[0] ?? '');
    });
    const line = [...cells, i % 2 ? 'note' : '', `n${i}`, `v${i}`, 'clash', i % 4 ? '' : 't'].join(
      '\t',
    );
    lines.push(i % 5 === 0 ? `${line}\r` : line);
  }
  return `${lines.join('\n')}${''}`;
}

async function filesUnder(directory: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const file of await readdir(directory, { recursive: true, withFileTypes: true })) {
    if (!file.isFile()) continue;
    const absolute = path.join(file.parentPath, file.name);
    files.set(path.relative(directory, absolute), await readFile(absolute));
  }
  return files;
}

const compressors = { GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)) };

async function rowsOf(bytes: Buffer): Promise<unknown[]> {
  const file = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  return parquetReadObjects({ file, compressors });
}

const charsets = ['utf-8', 'windows-1252'] as const;
type Charset = (typeof charsets)[number];

function bytesOf(text: string, charset: Charset): Buffer {
  if (charset === 'windows-1252') return iconv.encode(text, charset);
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x01) bytes[i] = 0xff;
  return bytes;
}

function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
}

interface CurationOptions {
  readonly rowGroupSize: number;
  /** Bytes per chunk of the document stream. */
  readonly chunkSize: number;
  /** Wraps the columnar curator (to cut its input further). */
  readonly curator?: (open: TsvCuratorFactory) => TsvCuratorFactory;
  /** The report's marketplace (default Germany). */
  readonly marketplaceId?: string;
}

// Small chunks, so lines, \r\n pairs and multibyte characters are cut across them.
const defaults: CurationOptions = { rowGroupSize: 40, chunkSize: 97 };

async function curate(
  definition: ReportTypeDefinition,
  bytes: Buffer,
  charset: Charset,
  columnar: boolean,
  {
    rowGroupSize,
    chunkSize,
    curator = (open) => open,
    marketplaceId = 'A1PA6795UKMFR9',
  }: CurationOptions = defaults,
): Promise<{ result: CurationResult; files: Map<string, Buffer> }> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'tsv-parity-'));
  try {
    const result = await curateDocument(
      {
        store: new LocalDiskObjectStore(directory),
        openParquetSink: (columns, output) => new HyparquetSink(columns, output, { rowGroupSize }),
        maxBufferedRows: rowGroupSize,
        ...(columnar
          ? {
              tsvCuration: {
                open: curator(inProcessTsvCurator(columnarParquetEncoding())),
                rowGroupSize,
              },
            }
          : {}),
      },
      {
        definition,
        report: {
          reportId: '50000000042',
          reportType: definition.reportType,
          processingStatus: 'DONE',
          createdTime: '2026-10-05T00:00:00Z',
          processingEndTime: '2026-10-05T00:10:00Z',
        },
        sellingPartnerId: 'A1SELLER',
        marketplaceId,
        windowStart: '2026-10-01T00:00:00Z',
        // What production reads: report-documents' decoding of the same bytes, either way.
        document: {
          text: () =>
            decodeReportDocument(chunked(bytes, chunkSize), { compression: 'NONE', charset }),
          bytes: () =>
            decompressReportDocument(chunked(bytes, chunkSize), { compression: 'NONE', charset }),
        },
      },
    );
    return { result, files: await filesUnder(directory) };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// Runs both paths on the bytes and expects the same objects, rows, quarantine and result.
async function expectSameCuration(
  definition: ReportTypeDefinition,
  bytes: Buffer,
  charset: Charset,
  options: CurationOptions = defaults,
): Promise<CurationResult> {
  const rowPath = await curate(definition, bytes, charset, false, options);
  const columnar = await curate(definition, bytes, charset, true, options);
  expect([...columnar.files.keys()].sort()).toEqual([...rowPath.files.keys()].sort());
  expect(columnar.result.schema).toEqual(rowPath.result.schema);
  const quarantine = (result: CurationResult) =>
    [...result.quarantined].map(([dataset, { key, rows }]) => ({ dataset, key, rows }));
  expect(quarantine(columnar.result)).toEqual(quarantine(rowPath.result));
  expect(columnar.result.partitions.map(({ bytes: _bytes, ...p }) => p)).toEqual(
    rowPath.result.partitions.map(({ bytes: _bytes, ...p }) => p),
  );
  for (const [key, bytes] of rowPath.files) {
    const ours = columnar.files.get(key) ?? Buffer.alloc(0);
    if (key.endsWith('.parquet')) expect(await rowsOf(ours)).toEqual(await rowsOf(bytes));
    else expect(ours.toString()).toEqual(bytes.toString());
  }
  return rowPath.result;
}

const tsvTypes = reportTypeDefinitions.filter((definition) => definition.format === 'tsv');

describe.each(tsvTypes.map((definition) => [definition.reportType, definition] as const))(
  'the columnar TSV path on %s',
  (_reportType, definition) => {
    it.each(charsets)(
      'curates and quarantines every line exactly as the row path (%s)',
      async (charset) => {
        const result = await expectSameCuration(
          definition,
          bytesOf(documentFor(definition), charset),
          charset,
        );
        // The document exercises both: curated rows, and quarantined lines.
        expect(result.partitions.reduce((sum, p) => sum + p.rows, 0)).toBeGreaterThan(100);
        expect([...result.quarantined.values()][0]?.rows).toBeGreaterThan(3);
      },
    );
  },
);

describe('slashed dates by the marketplace', () => {
  const listings = reportTypeDefinition('GET_MERCHANT_LISTINGS_ALL_DATA');
  const header = 'item-name\tseller-sku\tprice\tquantity\topen-date';
  // A UK file's open-date (Amazon prints the UK's dates day first, in UK time).
  const document = `${header}\nKettle\tSKU-1\t12.99\t3\t08/07/2016 10:12:40 BST\n`;

  it("lands a UK listing's open-date on both paths, day first", async () => {
    const uk = { ...defaults, marketplaceId: 'A1F83G8C2ARO7P' };
    const result = await expectSameCuration(listings, Buffer.from(document), 'utf-8', uk);
    expect(result.quarantined.size).toBe(0);
    const { files } = await curate(listings, Buffer.from(document), 'utf-8', true, uk);
    const [parquet] = [...files].filter(([key]) => key.endsWith('.parquet'));
    const [row] = (await rowsOf(parquet?.[1] ?? Buffer.alloc(0))) as { open_date: unknown }[];
    expect(row?.open_date).toEqual(new Date(Date.UTC(2016, 6, 8, 9, 12, 40)));
  });

  it('quarantines it in a US file, where the order of the slashed date is not certain', async () => {
    const us = { ...defaults, marketplaceId: 'ATVPDKIKX0DER' };
    const result = await expectSameCuration(listings, Buffer.from(document), 'utf-8', us);
    expect([...result.quarantined.values()][0]?.rows).toBe(1);
  });
});

describe("a German listings file with Amazon's 2024 header", () => {
  // The header some sellers' DE files carry since mid-2024 (amzn/selling-partner-api-models issues
  // 3999 and 4140): retired columns kept as repeated "Deprecated column" placeholders, the British
  // `fulfilment-channel`, and new columns at the end.
  const header = [
    'item-name',
    'item-description',
    'listing-id',
    'seller-sku',
    'price',
    'quantity',
    'open-date',
    'Deprecated column',
    'item-is-marketplace',
    'product-id-type',
    'Deprecated column',
    'item-note',
    'item-condition',
    'Deprecated column',
    'Deprecated column',
    'Deprecated column',
    'asin1',
    'Deprecated column',
    'Deprecated column',
    'will-ship-internationally',
    'expedited-shipping',
    'Deprecated column',
    'product-id',
    'Deprecated column',
    'add-delete',
    'pending-quantity',
    'fulfilment-channel',
    'optional-payment-type-exclusion',
    'merchant-shipping-group',
    'status',
    'Minimum order quantity',
    'Sell remainder',
  ];
  const line = (cells: Record<string, string>) =>
    header.map((name) => cells[name] ?? '').join('\t');
  const document = [
    header.join('\t'),
    line({
      'item-name': 'Kaffeemühle',
      'seller-sku': 'SKU-1',
      price: '12,99',
      quantity: '3',
      'open-date': '2024-07-02 10:12:40 MEST',
      asin1: 'B000000001',
      'fulfilment-channel': 'DEFAULT',
      status: 'Active',
      'Minimum order quantity': '2',
    }),
    line({ 'seller-sku': 'SKU-2', 'fulfilment-channel': 'AMAZON_EU', status: 'Inactive' }),
  ].join('\n');

  it('reads fulfilment-channel as fulfillment_channel and keeps every other field, on both paths', async () => {
    const listings = reportTypeDefinition('GET_MERCHANT_LISTINGS_ALL_DATA');
    const result = await expectSameCuration(listings, Buffer.from(document), 'utf-8');
    expect(result.quarantined.size).toBe(0);
    const [observation] = result.schema;
    expect(observation?.missingColumns).not.toContain('fulfillment_channel');
    // Nine placeholders and three new columns, each under a name of its own.
    expect(new Set(observation?.driftColumns).size).toBe(12);
    const { files } = await curate(listings, Buffer.from(document), 'utf-8', true);
    const [parquet] = [...files].filter(([key]) => key.endsWith('.parquet'));
    const rows = (await rowsOf(parquet?.[1] ?? Buffer.alloc(0))) as Record<string, unknown>[];
    expect(rows.map((row) => row['fulfillment_channel'])).toEqual(['DEFAULT', 'AMAZON_EU']);
    expect(rows[0]?.['minimum_order_quantity']).toBe('2');
  });
});

describe('the columnar TSV path on documents without rows', () => {
  const orders = reportTypeDefinition('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL');
  const header = (orders.datasets[0]?.columns ?? []).map((column) => column.source).join('\t');
  it.each([
    ['no text at all', ''],
    ['blank lines only', '\r\n \n\n'],
    ['a header alone, no line break', header],
    [
      'blank lines, then the header and rows',
      `\n\r\n${header}\n${documentFor(orders).split('\n').slice(1).join('\n')}`,
    ],
  ])('curates %s exactly as the row path', async (_name, text) => {
    await expectSameCuration(orders, Buffer.from(text, 'utf8'), 'utf-8');
  });
});

// Deterministic pseudo-random numbers (a linear congruential generator): the same cases every run.
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

// Bytes that are not the common forms: invalid UTF-8, Unicode spaces, controls, C1 bytes.
const oddUtf8 = [[0x80], [0xc2, 0xa0], [0xe3, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xff], [0x0b]];
const oddSingleByte = [[0x80], [0xa0], [0x81], [0x85], [0x9d], [0xff], [0x0b], [0xe9]];

// A document of random lines: mostly common forms, some variants, odd bytes appended to cells,
// blank and junk lines, and (with `unique`) strings that repeat too rarely for a dictionary.
function randomDocument(
  definition: ReportTypeDefinition,
  charset: Charset,
  random: () => number,
  unique: boolean,
): Buffer {
  const pick = <T>(options: readonly T[]): T => options[Math.floor(random() * options.length)] as T;
  const encode = (text: string) =>
    charset === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, charset);
  const odd = charset === 'utf-8' ? oddUtf8 : oddSingleByte;
  const columns = definition.datasets[0]?.columns ?? [];
  const parts = [encode([...columns.map((c) => c.source), 'Gift Note'].join('\t')), encode('\n')];
  const rows = unique ? 1500 : 200;
  for (let i = 0; i < rows; i++) {
    if (random() < 0.03) {
      parts.push(encode(pick(['', ' ', '\t\t', '\r'])), Buffer.from(pick(odd)), encode('\n'));
      continue;
    }
    const cells = columns.map((column) => {
      const options = variants[column.type];
      let text = random() < 0.8 ? (options[0] ?? '') : pick(options);
      if (column.type === 'string' && unique) text += String(Math.floor(random() * 1e6));
      const cell = encode(text);
      return random() < 0.03 ? Buffer.concat([cell, Buffer.from(pick(odd))]) : cell;
    });
    cells.push(encode(random() < 0.5 ? `note ${i}` : ''));
    parts.push(Buffer.concat(cells.flatMap((cell, k) => (k ? [encode('\t'), cell] : [cell]))));
    parts.push(encode(random() < 0.3 ? '\r\n' : '\n'));
  }
  return Buffer.concat(parts);
}

// Hands the curator its input in random pieces of 1 to 40 bytes: for some batches all at once, in
// order, as the TsvCurator contract allows; for others one piece at a time, scribbling over each
// as soon as it comes back as reusable, so that a curator keeping a reference to it reads garbage.
function cutRandomly(random: () => number) {
  return (open: TsvCuratorFactory): TsvCuratorFactory =>
    (setup) => {
      const inner = open(setup);
      const handOver = async (bytes: Uint8Array): Promise<TsvCurationOutput> => {
        const pieces: Promise<TsvCurationOutput>[] = [];
        const oneByOne = random() < 0.5;
        for (let at = 0; at < bytes.length;) {
          const next = at + 1 + Math.floor(random() * 40);
          const piece = inner.curate(bytes.slice(at, next));
          pieces.push(piece);
          if (oneByOne) (await piece).reusableBytes?.fill(0x7e);
          at = next;
        }
        const outputs = await Promise.all(pieces);
        return {
          parts: outputs.flatMap((output) => output.parts),
          quarantined: outputs.flatMap((output) => output.quarantined),
        };
      };
      // Calls reach the inner curator in the order they were made, pieces and all.
      let previous: Promise<unknown> = Promise.resolve();
      const inOrder = <T>(call: () => Promise<T>): Promise<T> => {
        const result = previous.then(call);
        previous = result.catch(() => undefined);
        return result;
      };
      return {
        curate: (bytes) => inOrder(() => handOver(bytes)),
        finish: () => inOrder(() => inner.finish()),
        close: () => inner.close(),
      };
    };
}

// Shows each batch to `watch` as it goes to the curator.
function watchingBatches(watch: (batch: Uint8Array) => void) {
  return (open: TsvCuratorFactory): TsvCuratorFactory =>
    (setup) => {
      const inner = open(setup);
      return {
        curate: (batch) => {
          watch(batch);
          return inner.curate(batch);
        },
        finish: () => inner.finish(),
        close: () => inner.close(),
      };
    };
}

describe('the columnar TSV path on random documents', () => {
  it('curates exactly as the row path when one batch holds more lines than one scan records', async () => {
    // 1,500 rows reach the curator in one batch: the engine scans again where the kernel stopped.
    const random = randomSource(7);
    const definition = tsvTypes[0] as ReportTypeDefinition;
    const bytes = randomDocument(definition, 'utf-8', random, true);
    let mostLines = 0;
    await expectSameCuration(definition, bytes, 'utf-8', {
      rowGroupSize: 1000,
      chunkSize: 4096,
      curator: watchingBatches((batch) => {
        mostLines = Math.max(mostLines, batch.filter((byte) => byte === 10).length);
      }),
    });
    expect(mostLines).toBeGreaterThan(LINES_PER_SCAN);
  }, 60_000);

  it('curates exactly as the row path a document of many batches, refilling the ones handed back', async () => {
    // The lines of a random document, again and again: over 5 MiB reach the curator in 1 MiB
    // batches, each refilled once the curator hands it back.
    const random = randomSource(11);
    const definition = tsvTypes[0] as ReportTypeDefinition;
    const single = randomDocument(definition, 'windows-1252', random, true);
    const headerEnd = single.indexOf(10) + 1;
    const lines = single.subarray(headerEnd);
    const copies = Math.ceil((5.5 * (1 << 20)) / lines.length);
    const bytes = Buffer.concat([single.subarray(0, headerEnd), ...Array(copies).fill(lines)]);
    const batches: Uint8Array[] = [];
    await expectSameCuration(definition, bytes, 'windows-1252', {
      rowGroupSize: 5000,
      chunkSize: 65_536,
      curator: watchingBatches((batch) => batches.push(batch)),
    });
    expect(batches.length).toBeGreaterThan(5);
    expect(new Set(batches).size).toBeLessThan(batches.length);
  }, 120_000);

  it.each([1, 2, 3, 4, 5, 6])(
    'curates exactly as the row path (seed %i)',
    async (seed) => {
      const random = randomSource(seed);
      const definition = tsvTypes[seed % tsvTypes.length] as ReportTypeDefinition;
      const charset = charsets[seed % charsets.length] as Charset;
      const bytes = randomDocument(definition, charset, random, seed % 3 === 0);
      await expectSameCuration(definition, bytes, charset, {
        rowGroupSize: [7, 40, 1000][seed % 3] ?? 40,
        chunkSize: 1 + Math.floor(random() * 200),
        curator: cutRandomly(random),
      });
      // The documents of seeds 3 and 6 (1,500 rows in row groups of 7, cut into pieces of 1-40
      // bytes) take seconds on a busy machine: the default 5 s made the suite flaky.
    },
    60_000,
  );
});
