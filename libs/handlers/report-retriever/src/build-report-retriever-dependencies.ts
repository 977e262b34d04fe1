import { type ClockPort, type ReportsPort, inProcessTsvCurator } from '@spapi-lake/ingestion';
import { columnarParquetEncoding, workerTsvCurator } from '@spapi-lake/lake-adapters';
import type { ObjectStore } from '@spapi-lake/lake';
import { hyparquetSinkFactory } from './hyparquet-sink-factory';
import { reportDocumentPort } from './report-document-port';
import type {
  PartnerRef,
  ReportRetrieverDependencies,
  RetrieverLogger,
} from './report-retriever-dependencies';
import { ZonedObjectStore } from './zoned-object-store';

/**
 * Rows per row group of the retriever's Parquet files: about 1-2 MB per row group of an orders
 * file, and a memory bound near 250 MiB however many days a document spans (see
 * tools/bench/report-to-parquet.bench.ts); twice as many rows cost ~50 MiB more for ~15 % less CPU.
 */
export const RETRIEVER_ROW_GROUP_SIZE = 25_000;

/**
 * The rows per row group of a report whose manifest records none: every other size is recorded.
 * Fixed for good, whatever RETRIEVER_ROW_GROUP_SIZE becomes, so that a replay of an older report
 * still writes its bytes.
 */
export const UNRECORDED_ROW_GROUP_SIZE = 25_000;

const CREATED_BY = 'spapi-lake report-retriever';

/** What both composition roots (the AWS app, the local runner) decide. */
export interface ReportRetrieverSettings {
  /** Raw zone: S3 raw bucket, or a local folder. */
  readonly raw: ObjectStore;
  /** Curated zone: S3 curated bucket, or a local folder. */
  readonly curated: ObjectStore;
  readonly reportsFor: (partner: PartnerRef) => ReportsPort;
  readonly clock: ClockPort;
  readonly logger: RetrieverLogger;
  readonly crawlerNamePrefix: string;
  /**
   * Rows per Parquet row group (default {@link RETRIEVER_ROW_GROUP_SIZE}); also how many rows the
   * open files of one document may buffer together before idle ones are flushed.
   */
  readonly rowGroupSize?: number;
  /** A fetch to download documents with (default: Node's own HTTP client). */
  readonly fetch?: typeof fetch;
  /**
   * The built TSV curation worker (an entry point calling `runTsvCurationWorker`): TSV documents
   * are then parsed and encoded on a worker thread; without it, on the calling thread.
   */
  readonly curationWorkerPath?: string;
}

/** What curating a document takes, whether retrieved from SP-API or replayed from the raw zone. */
export type CurationSettings = Pick<
  ReportRetrieverSettings,
  'raw' | 'curated' | 'rowGroupSize' | 'fetch' | 'curationWorkerPath'
>;

/**
 * The lake and curation dependencies of the retriever, also those of a replay: one definition, so a
 * replay writes exactly the bytes the retriever wrote (same row groups, encoder and `created_by`).
 */
export function buildCurationDependencies(
  settings: CurationSettings,
  { prestart = false }: { readonly prestart?: boolean } = {},
) {
  const rowGroupSize = settings.rowGroupSize ?? RETRIEVER_ROW_GROUP_SIZE;
  return {
    // Recorded in manifests only when not the unrecorded size, so default runs' manifests stay as
    // they were.
    ...(rowGroupSize === UNRECORDED_ROW_GROUP_SIZE ? {} : { recordedRowGroupSize: rowGroupSize }),
    documents: reportDocumentPort(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
    store: new ZonedObjectStore({ raw: settings.raw, curated: settings.curated }),
    openParquetSink: hyparquetSinkFactory({
      rowGroupSize,
      createdBy: CREATED_BY,
    }),
    maxBufferedRows: rowGroupSize,
    tsvCuration: {
      open:
        settings.curationWorkerPath === undefined
          ? inProcessTsvCurator(columnarParquetEncoding({ createdBy: CREATED_BY }))
          : workerTsvCurator({
              workerPath: settings.curationWorkerPath,
              createdBy: CREATED_BY,
              prestart,
            }),
      rowGroupSize,
    },
  };
}

/**
 * A replay's curation dependencies: the retriever's, and the same with another row group size for
 * a report whose manifest recorded one (retrieved while `PARQUET_ROW_GROUP_SIZE` was set).
 */
export function buildReplayDependencies(settings: CurationSettings) {
  return {
    ...buildCurationDependencies(settings),
    withRowGroupSize: (rowGroupSize: number | undefined) =>
      buildCurationDependencies({
        ...settings,
        rowGroupSize: rowGroupSize ?? UNRECORDED_ROW_GROUP_SIZE,
      }),
  };
}

/** The handlers' dependencies from the settings: zoned lake, document downloads, Parquet sinks. */
export function buildReportRetrieverDependencies(
  settings: ReportRetrieverSettings,
): ReportRetrieverDependencies {
  return {
    // Built for the container's first document: its curation thread starts (and loads) now.
    ...buildCurationDependencies(settings, { prestart: true }),
    reportsFor: settings.reportsFor,
    clock: settings.clock,
    crawlerNamePrefix: settings.crawlerNamePrefix,
    logger: settings.logger,
  };
}
