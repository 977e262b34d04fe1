import type { Readable } from 'node:stream';
import {
  type ObjectStore,
  type ParquetColumn,
  ParquetRowError,
  curatedKey,
} from '@spapi-lake/lake';
import {
  type CellValue,
  type ReportTypeDefinition,
  type SchemaObservation,
  type SkippedTopLevelKey,
  dateConventionsOf,
  parseReport,
} from '@spapi-lake/reports';
import { datasetColumns, lineageValues } from './dataset-columns';
import { PartitionedParquetWriter, type WrittenPartition } from './partitioned-parquet-writer';
import type { DocumentBytes, ParquetSinkFactory, ReportRecord } from './ports';
import { type QuarantineOutput, writeQuarantined } from './quarantine-output';
import { failUploadStream, uploadFailure } from './upload-stream';
import { curateTsvDocument } from './columnar/curate-tsv-document';
import type { TsvCuratorFactory } from './columnar/tsv-curator';

/** What curating one document wrote. */
export interface CurationResult {
  readonly partitions: readonly WrittenPartition[];
  readonly quarantined: ReadonlyMap<string, { readonly key: string; readonly rows: number }>;
  readonly schema: readonly SchemaObservation[];
  /** A JSON document's top-level keys that no dataset reads (kept raw only); none for TSV. */
  readonly skippedTopLevelKeys: readonly SkippedTopLevelKey[];
}

/** Columnar curation of TSV documents; without it they take the row path (parseReport + sinks). */
export interface TsvCuration {
  readonly open: TsvCuratorFactory;
  /** Rows per Parquet row group. */
  readonly rowGroupSize: number;
}

export interface CurationJob {
  readonly definition: ReportTypeDefinition;
  readonly report: ReportRecord;
  readonly sellingPartnerId: string;
  readonly marketplaceId: string;
  readonly windowStart: string;
  readonly document: CurationDocument;
}

/** The document to curate, read once: as decoded text or as plain bytes. */
export interface CurationDocument {
  /** Decoded text chunks (the row path). */
  text(): Readable;
  /** Decompressed bytes and how they are text (the columnar TSV path). */
  bytes(): DocumentBytes;
}

/**
 * Parses a decoded document and writes its rows to partitioned Parquet and its unparseable rows to
 * quarantine, streaming both. On failure every upload is aborted, so no partial object lands.
 */
export async function curateDocument(
  deps: {
    readonly store: ObjectStore;
    readonly openParquetSink: ParquetSinkFactory;
    readonly maxBufferedRows?: number;
    readonly tsvCuration?: TsvCuration;
  },
  job: CurationJob,
): Promise<CurationResult> {
  if (job.definition.format === 'tsv' && deps.tsvCuration) {
    return curateTsvDocument({ ...deps, tsvCuration: deps.tsvCuration }, job);
  }
  const json = job.definition.format === 'json';
  const parse = parseReport(job.definition, job.document.text(), {
    windowStart: job.windowStart,
    dateConventions: dateConventionsOf(job.marketplaceId),
  });
  const datasets = new Map(job.definition.datasets.map((d) => [d.name, d]));
  const columns = new Map<
    string,
    {
      all: readonly ParquetColumn[];
      drift: ReadonlySet<string>;
      template: Readonly<Record<string, CellValue>>;
    }
  >();
  // TSV drift is known from the header, before the first row asks for a dataset's columns.
  const columnsOf = (name: string) => {
    let known = columns.get(name);
    if (!known) {
      const dataset = datasets.get(name);
      if (!dataset) throw new Error(`dataset ${name} is not in ${job.definition.reportType}`);
      const all = datasetColumns(
        dataset,
        json ? [] : (parse.schema()[0]?.driftColumns ?? []),
        json,
      );
      const schema = new Set(dataset.columns.map((column) => column.name));
      const drift = new Set(
        all.filter((c) => !schema.has(c.name) && !c.name.startsWith('_')).map((c) => c.name),
      );
      known = { all, drift, template: Object.fromEntries(all.map((c) => [c.name, null])) };
      columns.set(name, known);
    }
    return known;
  };
  const writer = new PartitionedParquetWriter({
    store: deps.store,
    openSink: deps.openParquetSink,
    keyOf: (address) =>
      curatedKey({
        ...address,
        sellingPartnerId: job.sellingPartnerId,
        reportId: job.report.reportId,
      }),
    columnsOf: (name) => columnsOf(name).all,
    ...(deps.maxBufferedRows === undefined ? {} : { maxBufferedRows: deps.maxBufferedRows }),
  });
  const quarantined = new Map<string, QuarantineOutput>();
  const lineage = lineageValues(job.report, job.windowStart);
  let partitions: WrittenPartition[];
  try {
    for await (const record of parse.records) {
      if (record.kind === 'quarantine') {
        await writeQuarantined(deps.store, job, quarantined, record);
        continue;
      }
      // Every row starts as a copy of its file's full row (all columns present): adding keys to a
      // copied object one by one is many times slower in V8 than setting existing ones.
      const { drift, template } = columnsOf(record.dataset);
      const values: Record<string, CellValue> = Object.assign({ ...template }, record.values);
      if (json) {
        values['_extra_fields'] = Object.keys(record.drift).length
          ? JSON.stringify(record.drift)
          : null;
      } else {
        // Only drift the file has a column for: a header that collides with a schema or lineage
        // name, or has no usable name, must not overwrite typed values or break the row.
        for (const name in record.drift) {
          const value = record.drift[name];
          if (drift.has(name)) values[name] = typeof value === 'string' ? value : null;
        }
      }
      Object.assign(values, lineage);
      values['_source_position'] = record.position;
      try {
        await writer.append(
          { dataset: record.dataset, marketplaceId: job.marketplaceId, dt: record.partitionDate },
          values,
        );
      } catch (error) {
        // A value the Parquet schema cannot hold (a decimal beyond its scale, an integer beyond
        // int64) fails that row only: it is quarantined with the reason like any unparseable row.
        if (!(error instanceof ParquetRowError)) throw error;
        await writeQuarantined(deps.store, job, quarantined, {
          kind: 'quarantine',
          dataset: record.dataset,
          position: record.position,
          raw: JSON.stringify({ ...record.values, ...record.drift }),
          reason: error.message,
        });
      }
    }
    // Inside: a file that fails to close must stop the others and the quarantine too, rather than
    // leave their uploads waiting for an end that never comes.
    partitions = await writer.finish();
    for (const output of quarantined.values()) output.stream.end();
    await Promise.all([...quarantined.values()].map((output) => output.upload));
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    for (const output of quarantined.values()) failUploadStream(output.stream, failure);
    await writer.abort(failure);
    throw await uploadFailure(
      error,
      [...quarantined.values()].map((output) => output.upload),
    );
  }
  return {
    partitions,
    quarantined,
    schema: parse.schema(),
    skippedTopLevelKeys: parse.skippedTopLevelKeys(),
  };
}
