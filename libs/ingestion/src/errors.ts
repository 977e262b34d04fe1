import { TypedError } from '@spapi-lake/core';

/** The report is not DONE yet; retrieval must wait (the workflow polls). Retryable. */
export class ReportNotReadyError extends TypedError {
  override readonly name = 'ReportNotReadyError';
  readonly retryable = true;

  constructor(
    readonly reportId: string,
    readonly processingStatus: string,
  ) {
    super(`report ${reportId} is ${processingStatus}, not DONE`);
  }
}

/**
 * Another retrieval (or replay) of the report holds its lease (see withReportLease). Retryable: the
 * workflow tries again once the holder has finished or its lease has expired.
 */
export class ReportRetrievalInProgressError extends TypedError {
  override readonly name = 'ReportRetrievalInProgressError';
  readonly retryable = true;

  constructor(
    readonly reportId: string,
    readonly leaseExpiresAt?: string,
    options?: { cause?: unknown },
  ) {
    super(
      `report ${reportId} is being retrieved by another execution` +
        (leaseExpiresAt === undefined ? '' : ` (its lease holds until ${leaseExpiresAt})`),
      options,
    );
  }
}

/** The report ended FATAL; the reason comes from its error document when there is one. */
export class ReportFatalError extends TypedError {
  override readonly name = 'ReportFatalError';
  readonly retryable = false;

  constructor(
    readonly reportId: string,
    readonly reason: string,
  ) {
    super(`report ${reportId} failed at Amazon: ${reason}`);
  }
}

/** The report's rows cannot be placed in a marketplace partition (no single marketplace known). */
export class ReportMarketplaceUnknownError extends TypedError {
  override readonly name = 'ReportMarketplaceUnknownError';
  readonly retryable = false;

  constructor(readonly reportId: string) {
    super(`report ${reportId} does not name exactly one marketplace and none was given`);
  }
}

/** A report cannot be replayed from the raw zone (no manifest, or one without curation inputs). */
export class ReplayNotPossibleError extends TypedError {
  override readonly name = 'ReplayNotPossibleError';
  readonly retryable = false;
}

/**
 * Curation did not end within the invocation's time (a Lambda stops at 15 minutes): stopped early,
 * its partial files taken back, the raw copy kept with an uncurated-report record (when the rest of
 * the download arrives). Not retryable within the task: the window's next try curates the kept raw
 * copy (no download), and the replay tool, which has no time limit, lands what still takes too long.
 */
export class CurationOutOfTimeError extends TypedError {
  override readonly name = 'CurationOutOfTimeError';
  readonly retryable = false;

  constructor(readonly reportId: string) {
    super(
      `the curation of report ${reportId} did not end within the invocation's time: curate the raw copy kept beside its uncurated-report record with the replay tool`,
    );
  }
}
