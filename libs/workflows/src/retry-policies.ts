import type { Retrier } from './asl';
import { LambdaErrorName, ServiceIntegrationErrorName, TransientErrorName } from './error-names';

// Full jitter (but for the report lease): many executions retry the same partner's quota at the
// same moment.

/** Lambda service hiccups (throttled invoke, service error): quick, several times. */
export const lambdaServiceRetrier: Retrier = {
  ErrorEquals: Object.values(LambdaErrorName),
  IntervalSeconds: 2,
  BackoffRate: 2,
  MaxAttempts: 6,
  MaxDelaySeconds: 60,
  JitterStrategy: 'FULL',
};

/**
 * SP-API 429 after the client's own bounded retries: createReport and getReportDocument refill at
 * about one call per minute per partner, so the first pause is a minute. Ten tries (pauses of
 * about an hour expected, 1 h 45 at most, plus each try's own client waits: well inside the 24 h
 * execution): every config's fan-out of a partner draws on that one bucket at the same scheduled
 * minute, and a backfill asks for many windows, so a day's demand may take a while to be served
 * rather than fail the windows.
 */
export const spApiQuotaRetrier: Retrier = {
  ErrorEquals: [TransientErrorName.SpApiQuotaExceeded],
  IntervalSeconds: 60,
  BackoffRate: 2,
  MaxAttempts: 10,
  MaxDelaySeconds: 900,
  JitterStrategy: 'FULL',
};

/** SP-API 5xx, network resets, and LWA or token broker outages and throttling. */
export const transientServiceRetrier: Retrier = {
  ErrorEquals: [
    TransientErrorName.SpApiServer,
    TransientErrorName.SpApiNetwork,
    TransientErrorName.LwaUnavailable,
    TransientErrorName.TokenBrokerUnavailable,
  ],
  IntervalSeconds: 5,
  BackoffRate: 2,
  MaxAttempts: 5,
  MaxDelaySeconds: 300,
  JitterStrategy: 'FULL',
};

/** Document download and lake writes: the retriever rewrites the same keys, so a retry is safe. */
export const reportDocumentRetrier: Retrier = {
  ErrorEquals: [
    TransientErrorName.ReportDocumentUnavailable,
    TransientErrorName.ReportDocumentTruncated,
    TransientErrorName.ReportDocumentExpired,
    TransientErrorName.ObjectStoreUnavailable,
    TransientErrorName.ParquetOutput,
    TransientErrorName.ObjectChanged,
    TransientErrorName.TsvCurationWorkerCrashed,
  ],
  IntervalSeconds: 10,
  BackoffRate: 2,
  MaxAttempts: 4,
  MaxDelaySeconds: 300,
  JitterStrategy: 'FULL',
};

/**
 * A report whose notification said DONE before getReport does: retrieval waits a little. The
 * retrieval itself changes nothing until the document is read, so a retry is safe.
 */
export const reportNotReadyRetrier: Retrier = {
  ErrorEquals: [TransientErrorName.ReportNotReady],
  IntervalSeconds: 30,
  BackoffRate: 2,
  MaxAttempts: 4,
  MaxDelaySeconds: 300,
  JitterStrategy: 'FULL',
};

/**
 * Another execution retrieves the same report and holds its lease: usually it finishes in minutes,
 * and one that died frees the lease 16 minutes after it began. Without jitter the pauses add up
 * to 32 minutes whatever the draw, so a retry always comes after that; the try after the holder
 * finishes finds its manifest and only completes the window's ledger. Only the few executions of
 * one report wait here, so there is no crowd to spread.
 */
export const reportRetrievalInProgressRetrier: Retrier = {
  ErrorEquals: [TransientErrorName.ReportRetrievalInProgress],
  IntervalSeconds: 60,
  BackoffRate: 2,
  MaxAttempts: 8,
  MaxDelaySeconds: 300,
  JitterStrategy: 'NONE',
};

/**
 * The state stores (report creator's lanes and report requests, the SKU refresh log: throttled, no
 * answer, writers racing on one record) and SSM configuration (accounts, report configs, endpoint
 * settings, the partner directory). Every write is conditional and every transition idempotent per
 * try, so a retry is safe.
 */
export const stateAndConfigRetrier: Retrier = {
  ErrorEquals: [
    TransientErrorName.StateStoreUnavailable,
    TransientErrorName.StateStoreContention,
    TransientErrorName.ConfigParameterUnavailable,
    TransientErrorName.AccountRegistryUnavailable,
    TransientErrorName.PartnerDirectoryUnavailable,
    TransientErrorName.SkuRefreshLogUnavailable,
  ],
  IntervalSeconds: 2,
  BackoffRate: 2,
  MaxAttempts: 5,
  MaxDelaySeconds: 60,
  JitterStrategy: 'FULL',
};

/** The Retry block of every Lambda task that calls SP-API: every transient error name. */
export const spApiTaskRetry: readonly Retrier[] = [
  spApiQuotaRetrier,
  transientServiceRetrier,
  reportDocumentRetrier,
  reportNotReadyRetrier,
  reportRetrievalInProgressRetrier,
  stateAndConfigRetrier,
  lambdaServiceRetrier,
];

/** The Retry block of the fan-out's lane tasks (ClaimWindow, CompleteWindow, RecordWindowFailure). */
export const laneTaskRetry: readonly Retrier[] = [stateAndConfigRetrier, lambdaServiceRetrier];

/** Glue StartCrawler throttling and timeouts. */
export const glueRetrier: Retrier = {
  ErrorEquals: [
    ServiceIntegrationErrorName.GlueThrottling,
    ServiceIntegrationErrorName.GlueOperationTimeout,
    ServiceIntegrationErrorName.GlueInternalService,
  ],
  IntervalSeconds: 5,
  BackoffRate: 2,
  MaxAttempts: 4,
  MaxDelaySeconds: 120,
  JitterStrategy: 'FULL',
};

/** StartExecution / DescribeExecution refused for capacity (too many open executions, throttled). */
export const startExecutionRetrier: Retrier = {
  ErrorEquals: [
    ServiceIntegrationErrorName.ExecutionLimitExceeded,
    ServiceIntegrationErrorName.StepFunctionsThrottling,
    ServiceIntegrationErrorName.SfnThrottling,
  ],
  IntervalSeconds: 30,
  BackoffRate: 2,
  MaxAttempts: 6,
  MaxDelaySeconds: 600,
  JitterStrategy: 'FULL',
};
