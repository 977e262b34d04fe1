import { PassThrough } from 'node:stream';
import { type ObjectStore, quarantineKey } from '@spapi-lake/lake';
import type { QuarantinedRow } from '@spapi-lake/reports';
import { watchUpload, writeWithBackpressure } from './upload-stream';

/** One dataset's quarantine object of a document, streamed while rows are quarantined. */
export interface QuarantineOutput {
  readonly key: string;
  readonly stream: PassThrough;
  readonly upload: Promise<{ bytes: number }>;
  rows: number;
}

/**
 * Appends a quarantined row (NDJSON: position, reason, raw) to its dataset's quarantine object;
 * resolves once the stream can take more (a document of mostly bad rows must not pile up in memory
 * ahead of the upload).
 */
export async function writeQuarantined(
  store: ObjectStore,
  job: {
    readonly sellingPartnerId: string;
    readonly windowStart: string;
    readonly report: { readonly reportId: string };
  },
  outputs: Map<string, QuarantineOutput>,
  record: QuarantinedRow,
): Promise<void> {
  let output = outputs.get(record.dataset);
  if (!output) {
    const key = quarantineKey({
      dataset: record.dataset,
      sellingPartnerId: job.sellingPartnerId,
      dt: job.windowStart.slice(0, 10),
      reportId: job.report.reportId,
    });
    const stream = new PassThrough();
    const upload = store.putStream(key, stream, { contentType: 'application/x-ndjson' });
    watchUpload(stream, upload);
    output = { key, stream, upload, rows: 0 };
    outputs.set(record.dataset, output);
  }
  output.rows += 1;
  await writeWithBackpressure(
    output.stream,
    `${JSON.stringify({ position: record.position, reason: record.reason, raw: record.raw })}\n`,
  );
}
