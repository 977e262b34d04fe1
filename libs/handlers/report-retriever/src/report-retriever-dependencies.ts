import type { Logger } from '@aws-lambda-powertools/logger';
import type { Region } from '@spapi-lake/config';
import type {
  ClockPort,
  DocumentPort,
  ParquetSinkFactory,
  ReportsPort,
  TsvCuration,
} from '@spapi-lake/ingestion';
import type { ObjectStore } from '@spapi-lake/lake';

/** The selling partner (and its region's refresh token) a task works for. */
export interface PartnerRef {
  readonly sellingPartnerId: string;
  readonly region: Region;
}

/** The logging the handlers do: correlation keys per invocation, an error once. */
export type RetrieverLogger = Pick<Logger, 'info' | 'warn' | 'error' | 'appendKeys' | 'resetKeys'>;

/**
 * Everything the report-retriever handlers run on; the AWS app and the local runner each build one
 * (once per process: SP-API clients and their rate limiters live across invocations).
 */
export interface ReportRetrieverDependencies {
  /** The Reports API of one partner. */
  readonly reportsFor: (partner: PartnerRef) => ReportsPort;
  readonly documents: DocumentPort;
  /** The whole lake: raw zone under `reports/`, the rest curated (see ZonedObjectStore). */
  readonly store: ObjectStore;
  readonly openParquetSink: ParquetSinkFactory;
  /** Rows the open Parquet files of one document may buffer together (memory bound). */
  readonly maxBufferedRows?: number;
  /** Columnar curation of TSV documents (see retrieveReport); without it they take the row path. */
  readonly tsvCuration?: TsvCuration;
  /** Rows per row group when not the default, recorded in manifests (see retrieveReport). */
  readonly recordedRowGroupSize?: number;
  readonly clock: ClockPort;
  /** Glue crawler of a curated dataset: `<prefix><dataset>`, as infra names them. */
  readonly crawlerNamePrefix: string;
  readonly logger: RetrieverLogger;
}
