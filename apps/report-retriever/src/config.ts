import { parseEnvironment } from '@spapi-lake/config';
import { RETRIEVER_ROW_GROUP_SIZE } from '@spapi-lake/report-retriever-handlers';
import { z } from 'zod';

// Each exported handler is its own Lambda function with only the variables it needs, so each
// validates only its own part of the environment.

/** Functions that call SP-API. */
const SpApiEnvironment = z.object({
  /** SSM prefix of the pipeline's configuration (its optional `endpoints` document is read). */
  PARAMETER_PREFIX: z.string().min(1),
  /** Name or ARN of the token broker function (vends SP-API access tokens). */
  TOKEN_BROKER_FUNCTION: z.string().min(1),
  /** Attempts per SP-API call inside the function; Step Functions retries beyond that. */
  SP_API_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(2),
});

/** Functions that write the curated bucket: manifests, ledger, error documents, Parquet. */
const CuratedZoneEnvironment = z.object({
  CURATED_BUCKET: z.string().min(1),
  /** SSE-KMS key for every object written; absent = the bucket's default encryption. */
  LAKE_KMS_KEY_ID: z.string().min(1).optional(),
});

/** `retrieveReport`: both zones, the crawlers to name, the Parquet row group size. */
const RetrievalEnvironment = SpApiEnvironment.extend(CuratedZoneEnvironment.shape).extend({
  /** Raw documents exactly as received (`reports/...`). */
  RAW_BUCKET: z.string().min(1),
  /** Glue crawler of dataset `d` is `<CRAWLER_NAME_PREFIX><d>` (infra names them so). */
  CRAWLER_NAME_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/, {
    error: 'must be letters, digits, ".", "_" or "-"',
  }),
  /** Rows per Parquet row group: memory per open partition, and read efficiency. */
  PARQUET_ROW_GROUP_SIZE: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(1_000_000)
    .default(RETRIEVER_ROW_GROUP_SIZE),
});

/** The environment of each exported handler. */
export const HandlerEnvironment = {
  getReportStatus: SpApiEnvironment,
  retrieveReport: RetrievalEnvironment,
  recordFatal: SpApiEnvironment.extend(CuratedZoneEnvironment.shape),
  recordOutcome: SpApiEnvironment.extend(CuratedZoneEnvironment.shape),
} as const;

/** Validated environment of the SP-API callers. */
export type SpApiConfig = z.output<typeof SpApiEnvironment>;
/** Validated environment of the curated-zone writers. */
export type CuratedZoneConfig = z.output<typeof CuratedZoneEnvironment>;
/** Validated environment of `retrieveReport`. */
export type RetrievalConfig = z.output<typeof RetrievalEnvironment>;

type Env = Readonly<Record<string, string | undefined>>;

/** Validates `env` for each handler; throws a ConfigurationError naming each bad variable. */
export const loadConfig = {
  getReportStatus: (env: Env): SpApiConfig => parseEnvironment(SpApiEnvironment, env),
  retrieveReport: (env: Env): RetrievalConfig => parseEnvironment(RetrievalEnvironment, env),
  recordFatal: (env: Env): SpApiConfig & CuratedZoneConfig =>
    parseEnvironment(HandlerEnvironment.recordFatal, env),
  recordOutcome: (env: Env): SpApiConfig & CuratedZoneConfig =>
    parseEnvironment(HandlerEnvironment.recordOutcome, env),
};
