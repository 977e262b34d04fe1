import { PassThrough } from 'node:stream';
import { type ObjectStore, curatedKey } from '@spapi-lake/lake';
import {
  MalformedReportDocumentError,
  dateConventionsOf,
  tsvHeaderFields,
  tsvLayout,
} from '@spapi-lake/reports';
import type { CurationJob, CurationResult, TsvCuration } from '../curate-document';
import { datasetColumns, lineageValues } from '../dataset-columns';
import { DEFAULT_MAX_BUFFERED_ROWS, type WrittenPartition } from '../partitioned-parquet-writer';
import { type QuarantineOutput, writeQuarantined } from '../quarantine-output';
import {
  failUploadStream,
  uploadFailure,
  watchUpload,
  writeWithBackpressure,
} from '../upload-stream';
import { DocumentText } from './document-text';
import type { TsvCurationOutput, TsvCurator } from './tsv-curator';

/** Bytes of the document handed to the curator at a time (lines may span two batches). */
const BATCH_BYTES = 1 << 20;
/** Batches the curator may work on while this thread reads the next. */
const BATCHES_IN_FLIGHT = 4;

interface FileOutput {
  readonly dt: string;
  readonly key: string;
  readonly stream: PassThrough;
  readonly upload: Promise<{ bytes: number }>;
  rows: number;
}

/**
 * The columnar path of a TSV document: this thread reads the plain bytes, takes the header line,
 * and hands the rest, undecoded, in large batches to a `TsvCurator` (on a worker thread in
 * production, the batches moved rather than copied), then
 * streams the encoded Parquet bytes it gets back to one object per `dt` and quarantined lines to the
 * quarantine object, honouring the uploads' back-pressure. Same objects, keys and result as the row
 * path; on failure every upload is aborted and the curator released.
 */
export async function curateTsvDocument(
  deps: {
    readonly store: ObjectStore;
    readonly maxBufferedRows?: number;
    readonly tsvCuration: TsvCuration;
  },
  job: CurationJob,
): Promise<CurationResult> {
  const [dataset] = job.definition.datasets;
  if (!dataset || job.definition.datasets.length !== 1) {
    throw new MalformedReportDocumentError(
      `${job.definition.reportType}: a TSV report feeds one dataset`,
    );
  }
  const files = new Map<string, FileOutput>();
  const quarantined = new Map<string, QuarantineOutput>();
  let curator: TsvCurator | undefined;
  let observation: ReturnType<typeof tsvLayout>['observation'] | undefined;
  const inFlight: Promise<TsvCurationOutput>[] = [];
  // Batches the curator has handed back, to fill again: no allocating and zeroing 1 MiB per batch.
  const spareBatches: Uint8Array[] = [];

  const fileFor = (dt: string): FileOutput => {
    let file = files.get(dt);
    if (!file) {
      const key = curatedKey({
        dataset: dataset.name,
        marketplaceId: job.marketplaceId,
        dt,
        sellingPartnerId: job.sellingPartnerId,
        reportId: job.report.reportId,
      });
      const stream = new PassThrough();
      const upload = deps.store.putStream(key, stream, {
        contentType: 'application/vnd.apache.parquet',
      });
      // Awaited at the end or on failure.
      watchUpload(stream, upload);
      file = { dt, key, stream, upload, rows: 0 };
      files.set(dt, file);
    }
    return file;
  };

  const apply = async (output: TsvCurationOutput): Promise<void> => {
    if (output.reusableBytes?.length === BATCH_BYTES) spareBatches.push(output.reusableBytes);
    for (const line of output.quarantined) {
      await writeQuarantined(deps.store, job, quarantined, {
        kind: 'quarantine',
        dataset: dataset.name,
        ...line,
      });
    }
    for (const part of output.parts) {
      const file = fileFor(part.dt);
      await writeWithBackpressure(
        file.stream,
        Buffer.from(part.bytes.buffer, part.bytes.byteOffset, part.bytes.length),
      );
      if (part.finalRows !== undefined) {
        file.rows = part.finalRows;
        file.stream.end();
      }
    }
  };

  const send = async (bytes: Uint8Array): Promise<void> => {
    if (!curator) throw new Error('the curator is not open');
    inFlight.push(curator.curate(bytes));
    // Results are applied in order; the oldest is awaited once enough batches are out.
    if (inFlight.length >= BATCHES_IN_FLIGHT)
      await apply(await (inFlight.shift() as Promise<TsvCurationOutput>));
  };

  const { chunks, text, recycle } = job.document.bytes();
  const documentText = new DocumentText(text);
  try {
    // The header line's pieces, until its line break arrives (searched for in new bytes only):
    // the first line with text (blank lines before it are skipped, as the row path does).
    let head: Buffer[] | undefined = [];
    let headerLine = 1;
    // Each batch is a buffer of its own, so that it can move to the curator's thread.
    const nextBatch = (): Uint8Array => spareBatches.pop() ?? new Uint8Array(BATCH_BYTES);
    let batch = nextBatch();
    let filled = 0;
    const append = async (bytes: Uint8Array): Promise<void> => {
      let from = 0;
      while (from < bytes.length) {
        const taken = Math.min(bytes.length - from, batch.length - filled);
        batch.set(bytes.subarray(from, from + taken), filled);
        filled += taken;
        from += taken;
        if (filled === batch.length) {
          const full = batch;
          batch = nextBatch();
          filled = 0;
          await send(full);
        }
      }
    };
    for await (const chunk of chunks) {
      if (!(chunk instanceof Uint8Array)) {
        throw new TypeError('TSV curation expects byte chunks (see DocumentPort.decompress)');
      }
      if (head === undefined) {
        await append(chunk);
        // Copied into batches: the chunk's buffer may take the document's next bytes.
        recycle?.(chunk);
        continue;
      }
      let bytes = asBuffer(chunk);
      for (let end = bytes.indexOf(10); end !== -1; end = bytes.indexOf(10)) {
        const line = Buffer.concat([...head, bytes.subarray(0, end)]);
        bytes = bytes.subarray(end + 1);
        head = [];
        if (isBlank(line)) {
          headerLine += 1;
          continue;
        }
        curator = openCurator(headerOf(line), headerLine + 1);
        head = undefined;
        await append(bytes);
        break;
      }
      if (head !== undefined && bytes.length > 0) head.push(bytes);
    }
    if (curator === undefined) {
      // A last line without a line break is the header alone; a document without any text is a
      // report of no rows.
      const header = Buffer.concat(head ?? []);
      if (isBlank(header)) {
        return {
          partitions: [],
          quarantined,
          schema: [{ dataset: dataset.name, driftColumns: [], missingColumns: [] }],
          skippedTopLevelKeys: [],
        };
      }
      curator = openCurator(headerOf(header), headerLine + 1);
    }
    if (filled > 0) inFlight.push(curator.curate(batch.slice(0, filled)));
    inFlight.push(curator.finish());
    while (inFlight.length > 0) await apply(await (inFlight.shift() as Promise<TsvCurationOutput>));
    for (const output of quarantined.values()) output.stream.end();
    const written: WrittenPartition[] = [];
    for (const file of files.values()) {
      const { bytes } = await file.upload;
      written.push({
        dataset: dataset.name,
        marketplaceId: job.marketplaceId,
        dt: file.dt,
        key: file.key,
        rows: file.rows,
        bytes,
      });
    }
    await Promise.all([...quarantined.values()].map((output) => output.upload));
    written.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return {
      partitions: written,
      quarantined,
      schema: observation ? [observation] : [],
      skippedTopLevelKeys: [],
    };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    for (const pending of inFlight) pending.catch(() => undefined);
    for (const file of files.values()) failUploadStream(file.stream, failure);
    for (const output of quarantined.values()) failUploadStream(output.stream, failure);
    throw await uploadFailure(error, [
      ...[...files.values()].map((file) => file.upload),
      ...[...quarantined.values()].map((output) => output.upload),
    ]);
  } finally {
    await curator?.close();
  }

  function isBlank(line: Uint8Array): boolean {
    return documentText.decode(line, 0, line.length).trim() === '';
  }

  function headerOf(line: Uint8Array): string[] {
    return tsvHeaderFields(withoutCarriageReturn(documentText.decode(line, 0, line.length)));
  }

  function openCurator(header: string[], firstLine: number): TsvCurator {
    const layout = tsvLayout(dataset as NonNullable<typeof dataset>, header);
    observation = layout.observation;
    const lineage = lineageValues(job.report, job.windowStart);
    return deps.tsvCuration.open({
      dataset: layout.dataset,
      text,
      header,
      columns: datasetColumns(layout.dataset, layout.observation.driftColumns, false),
      lineage,
      windowStart: job.windowStart,
      dateConventions: dateConventionsOf(job.marketplaceId),
      firstLine,
      rowGroupSize: deps.tsvCuration.rowGroupSize,
      maxBufferedRows: deps.maxBufferedRows ?? DEFAULT_MAX_BUFFERED_ROWS,
    });
  }
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}
