import {
  CATALOG_INCLUDED_DATA,
  DEFAULT_CATALOG_INCLUDED_DATA,
  DEFAULT_LISTINGS_INCLUDED_DATA,
  LISTINGS_INCLUDED_DATA,
} from '@spapi-lake/catalog';
import { parseEnvironment } from '@spapi-lake/config';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

// A CSV of dataset names; `none` (for the catalog) turns the dataset list off.
const csvOf = <T extends string>(names: readonly [T, ...T[]], fallback: readonly T[]) =>
  z
    .string()
    .default(fallback.join(','))
    .transform((value) => (value.trim() === 'none' ? '' : value))
    .pipe(
      z
        .string()
        .transform((value) =>
          value
            .split(',')
            .map((name) => name.trim())
            .filter((name) => name !== ''),
        )
        .pipe(z.array(z.enum(names))),
    );

/** The fetcher's environment (set by infra on each of its Lambda functions). */
export const CatalogFetcherEnvironment = z.object({
  /** SSM prefix of the pipeline's configuration: `/<prefix>/accounts`, optional `/<prefix>/endpoints`. */
  PARAMETER_PREFIX: z.string().min(1),
  /** The curated bucket (Parquet datasets, `_work/`, `_manifests/`); also the ItemReader bucket. */
  CURATED_BUCKET: z.string().min(1),
  /** KMS key for SSE-KMS writes (the bucket default applies when unset). */
  LAKE_KMS_KEY_ID: z.string().min(1).optional(),
  /** The token broker function the access tokens come from. */
  TOKEN_BROKER_FUNCTION: z.string().min(1),
  /** DynamoDB SKU refresh log (pk S, TTL expiresAt); unset: bursts coalesce within a batch only. */
  SKU_REFRESH_TABLE: z.string().min(1).optional(),
  SKU_REFRESH_TTL_SECONDS: positiveInt(7 * 86_400),
  /**
   * How many invocations of this function may call one partner's operations at once: the Map's
   * MaxConcurrency for the state machine tasks (1), the event source mapping's
   * MaximumConcurrency for refreshListings. Each invocation paces at the plan divided by it.
   */
  RATE_LIMIT_SHARE: positiveInt(1),
  /** Identifiers per catalog chunk: a multiple of 20. */
  CATALOG_CHUNK_SIZE: positiveInt(500).refine(
    (size) => size % 20 === 0,
    'must be a multiple of 20',
  ),
  INLINE_CHUNK_LIMIT: positiveInt(20),
  LISTINGS_PAGES_PER_PART: positiveInt(100),
  MAX_IN_FLIGHT: positiveInt(4),
  /** Attempts per SP-API call; Step Functions retries a 429 that outlasts them a minute later. */
  SP_API_MAX_ATTEMPTS: positiveInt(3),
  CRAWLER_NAME_PREFIX: z.string().default('spapi_lake_'),
  REFRESH_LISTINGS_INCLUDED_DATA: csvOf(LISTINGS_INCLUDED_DATA, DEFAULT_LISTINGS_INCLUDED_DATA),
  REFRESH_CATALOG_INCLUDED_DATA: csvOf(CATALOG_INCLUDED_DATA, DEFAULT_CATALOG_INCLUDED_DATA),
  REFRESH_SETTLE_SECONDS: z.coerce.number().int().min(0).default(60),
  CONFIG_MAX_AGE_SECONDS: positiveInt(300),
});

/** The validated environment. */
export type CatalogFetcherConfig = z.output<typeof CatalogFetcherEnvironment>;

/** Validates `env`; throws a ConfigurationError naming each bad variable. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
): CatalogFetcherConfig {
  return parseEnvironment(CatalogFetcherEnvironment, env);
}
