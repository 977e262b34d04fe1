import { PassThrough, type Readable } from 'node:stream';
import { type ObjectStore, curatedKey, quarantineKey } from '@spapi-lake/lake';
import {
  type CellValue,
  type QuarantinedRow,
  type ReportTypeDefinition,
  type SchemaObservation,
  parseReport,
} from '@spapi-lake/reports';
import { datasetColumns, lineageValues } from './dataset-columns';
import { PartitionedParquetWriter, type WrittenPartition } from './partitioned-parquet-writer';
import type { ParquetSinkFactory, ReportRecord } from './ports';

interface QuarantineOutput {
  readonly key: string;
  readonly stream: PassThrough;
  readonly upload: Promise<{ bytes: number }>;
  rows: number;
}

/** What curating one document wrote. */
export interface CurationResult {
  readonly partitions: readonly WrittenPartition[];
  readonly quarantined: ReadonlyMap<string, { readonly key: string; readonly rows: number }>;
  readonly schema: readonly SchemaObservation[];
}

export interface CurationJob {
  readonly definition: ReportTypeDefinition;
  readonly report: ReportRecord;
  readonly sellingPartnerId: string;
  readonly marketplaceId: string;
  readonly windowStart: string;
  readonly text: Readable;
}

/**
 * Parses a decoded document and writes its rows to partitioned Parquet and its unparseable rows to
 * quarantine, streaming both. On failure every upload is aborted, so no partial object lands.
 */
export async function curateDocument(
  deps: { readonly store: ObjectStore; readonly openParquetSink: ParquetSinkFactory },
  job: CurationJob,
): Promise<CurationResult> {
  const json = job.definition.format === 'json';
  const parse = parseReport(job.definition, job.text, { windowStart: job.windowStart });
  const datasets = new Map(job.definition.datasets.map((d) => [d.name, d]));
  const writer = new PartitionedParquetWriter({
    store: deps.store,
    openSink: deps.openParquetSink,
    keyOf: (address) =>
      curatedKey({
        ...address,
        sellingPartnerId: job.sellingPartnerId,
        reportId: job.report.reportId,
      }),
    columnsOf: (name) => {
      const dataset = datasets.get(name);
      if (!dataset) throw new Error(`dataset ${name} is not in ${job.definition.reportType}`);
      // TSV drift is known from the header, before the first row opens a file.
      const drift = json ? [] : (parse.schema()[0]?.driftColumns ?? []);
      return datasetColumns(dataset, drift, json);
    },
  });
  const quarantined = new Map<string, QuarantineOutput>();
  const lineage = lineageValues(job.report);
  try {
    for await (const record of parse.records) {
      if (record.kind === 'quarantine') {
        writeQuarantined(deps.store, job, quarantined, record);
        continue;
      }
      const values: Record<string, CellValue> = {
        ...record.values,
        ...(json
          ? {
              _extra_fields: Object.keys(record.drift).length ? JSON.stringify(record.drift) : null,
            }
          : record.drift),
        ...lineage,
        _source_position: record.position,
      };
      await writer.append(
        { dataset: record.dataset, marketplaceId: job.marketplaceId, dt: record.partitionDate },
        values,
      );
    }
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    for (const output of quarantined.values()) output.stream.destroy(failure);
    await writer.abort(failure);
    await Promise.allSettled([...quarantined.values()].map((output) => output.upload));
    throw error;
  }
  const partitions = await writer.finish();
  for (const output of quarantined.values()) output.stream.end();
  await Promise.all([...quarantined.values()].map((output) => output.upload));
  return { partitions, quarantined, schema: parse.schema() };
}

function writeQuarantined(
  store: ObjectStore,
  job: CurationJob,
  outputs: Map<string, QuarantineOutput>,
  record: QuarantinedRow,
): void {
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
    upload.catch(() => undefined);
    output = { key, stream, upload, rows: 0 };
    outputs.set(record.dataset, output);
  }
  output.rows += 1;
  output.stream.write(
    `${JSON.stringify({ position: record.position, reason: record.reason, raw: record.raw })}\n`,
  );
}
