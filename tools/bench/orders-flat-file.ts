// Orders flat files for the benches: their vocabulary, a deterministic random source, the
// report-to-parquet document (30 days sorted by purchase date, Cp1252, gzip, as Amazon sends European
// orders) and a loopback HTTP server serving a document as the pre-signed URL would.
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import iconv from 'iconv-lite';
import type { ReportRecord, ReportsPort } from '@spapi-lake/ingestion';

export interface GeneratedDocument {
  path: string;
  rows: number;
  decompressedBytes: number;
  gzipBytes: number;
}

const header = [
  'amazon-order-id',
  'merchant-order-id',
  'purchase-date',
  'last-updated-date',
  'order-status',
  'fulfillment-channel',
  'sales-channel',
  'order-channel',
  'ship-service-level',
  'product-name',
  'sku',
  'asin',
  'item-status',
  'quantity',
  'currency',
  'item-price',
  'item-tax',
  'shipping-price',
  'shipping-tax',
  'gift-wrap-price',
  'gift-wrap-tax',
  'item-promotion-discount',
  'ship-promotion-discount',
  'ship-city',
  'ship-state',
  'ship-postal-code',
  'ship-country',
  'promotion-ids',
  'cpf',
  'is-business-order',
  'purchase-order-number',
  'price-designation',
].join('\t');

export const products = [
  'Kaffeemühle Edelstahl, Größe M',
  'Crème brûlée Förmchen (6 Stück)',
  'Fußball Größe 5 – Trainingsball',
  'Bügeleisen Dampf 2400 W „Premium“',
  'Schlüsselanhänger € Münze',
  'Café au lait Tasse, blau',
];
export const cities = ['München', 'Düsseldorf', 'Köln', 'Zürich', 'Besançon', 'Göteborg'];
export const DAYS = 30;
export const START_MS = Date.UTC(2026, 9, 1);

// Deterministic pseudo-random numbers (xorshift32): the same document on every run.
export function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

function* documentText(rows: number, stats: { bytes: number }): Generator<Buffer> {
  const random = xorshift(20_261_001);
  const digits = (length: number) =>
    Math.floor(random() * 10 ** length)
      .toString()
      .padStart(length, '0');
  const spacing = (DAYS * 86_400_000) / rows;
  let batch = `${header}\n`;
  for (let row = 0; row < rows; row += 1) {
    const purchased = new Date(START_MS + Math.floor(row * spacing) + 1000);
    const updated = new Date(purchased.getTime() + 3_600_000);
    const price = (random() * 200).toFixed(2);
    batch += `${[
      `${digits(3)}-${digits(7)}-${digits(7)}`,
      random() < 0.5 ? `M-${digits(8)}` : '',
      purchased.toISOString().replace('.000Z', '+00:00'),
      updated.toISOString().replace('.000Z', '+00:00'),
      random() < 0.9 ? 'Shipped' : 'Pending',
      random() < 0.7 ? 'Amazon' : 'Merchant',
      'Amazon.de',
      '',
      'Standard',
      products[Math.floor(random() * products.length)],
      `SKU-${digits(6)}`,
      `B0${digits(8)}`,
      'Shipped',
      String(1 + Math.floor(random() * 3)),
      'EUR',
      price,
      (Number(price) * 0.19).toFixed(2),
      '4.99',
      '0.95',
      '0.00',
      '0.00',
      random() < 0.2 ? '-5.00' : '0.00',
      '0.00',
      cities[Math.floor(random() * cities.length)],
      '',
      digits(5),
      'DE',
      random() < 0.2 ? 'Rabatt €5 für Neukunden' : '',
      '',
      random() < 0.1 ? 'true' : 'false',
      '',
      '',
    ].join('\t')}\n`;
    if (batch.length >= 1 << 20) {
      const bytes = iconv.encode(batch, 'windows-1252');
      stats.bytes += bytes.length;
      batch = '';
      yield bytes;
    }
  }
  const bytes = iconv.encode(batch, 'windows-1252');
  stats.bytes += bytes.length;
  yield bytes;
}

export async function generateDocument(
  directory: string,
  rows: number,
): Promise<GeneratedDocument> {
  const path = join(directory, `orders-${rows}.tsv.gz`);
  const stats = { bytes: 0 };
  await pipeline(Readable.from(documentText(rows, stats)), createGzip(), createWriteStream(path));
  return { path, rows, decompressedBytes: stats.bytes, gzipBytes: statSync(path).size };
}

export async function serveDocument(document: GeneratedDocument) {
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'text/plain; charset=Cp1252',
      'content-length': String(document.gzipBytes),
    });
    createReadStream(document.path).pipe(response);
  });
  // A slow reader may still be reading the last megabytes from the socket buffers when the server
  // has written everything: the default 5 s keep-alive timeout would cut it off (S3 does not).
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/orders.tsv.gz?X-Amz-Signature=bench`, server };
}

/** A Reports API that knows one DONE report, whose GZIP document is served at `url`. */
export function servedReports(report: ReportRecord, url: string): ReportsPort {
  return {
    getReport: async () => report,
    getReportDocument: async (reportDocumentId) => ({
      reportDocumentId,
      url,
      compressionAlgorithm: 'GZIP',
    }),
    createRestrictedDataToken: () => Promise.reject(new Error('not a restricted report type')),
  };
}
