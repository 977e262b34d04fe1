import { parseEnvironment } from '@spapi-lake/config';
import { z } from 'zod';

// Each function gets only the variables (and grants) its handler needs: the lane functions never
// see SSM or the token broker, createReport never sees the lane table.

const name = z.string().min(1);
/** How long accounts, report configs and endpoints read from SSM are reused per container. */
const CONFIG_CACHE_SECONDS = z.coerce.number().int().min(0).max(3600).default(300);

/** `claimWindow`, `completeWindow`, `recordWindowFailure`. */
export const LaneEnvironment = z.object({
  /** DynamoDB table of lane states: string partition key `pk`. */
  LANE_STATE_TABLE: name,
});

/** `planWindows`. */
export const PlanWindowsEnvironment = LaneEnvironment.extend({
  /** SSM prefix of `accounts`, `report-configs` and `endpoints`, e.g. `/spapi-lake/prod`. */
  PARAMETER_PREFIX: name,
  CONFIG_CACHE_SECONDS,
  /** Windows per lane per fan-out run (default: the workflows' 10). */
  MAX_WINDOWS_PER_RUN: z.coerce.number().int().min(1).max(100).optional(),
});

/** `createReport`. */
export const CreateReportEnvironment = z.object({
  PARAMETER_PREFIX: name,
  /** DynamoDB table of report requests: string partition key `pk`, TTL on `expiresAt`. */
  REPORT_REQUEST_TABLE: name,
  /** Name or ARN of the token broker function (vends SP-API access tokens). */
  TOKEN_BROKER_FUNCTION: name,
  /** The curated bucket: its uncurated-report records (read only) say which DONE report to reuse. */
  CURATED_BUCKET: name,
  CONFIG_CACHE_SECONDS,
  /** Attempts per SP-API call inside the function; Step Functions retries beyond that. */
  SP_API_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(2),
});

export type LaneConfig = z.output<typeof LaneEnvironment>;
export type PlanWindowsConfig = z.output<typeof PlanWindowsEnvironment>;
export type CreateReportConfig = z.output<typeof CreateReportEnvironment>;

/** Validates `env` against one function's schema; a ConfigurationError names each bad variable. */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
): z.output<S> {
  return parseEnvironment(schema, env);
}
