import { TypedError } from '@spapi-lake/core';

/** A Lambda was invoked with an event that is not its Task's input: a wiring or contract bug. */
export class TaskInputError extends TypedError {
  override readonly name = 'TaskInputError';
  readonly retryable = false;
}

/** The state store (DynamoDB, local file) did not answer or was throttled; a later try may work. */
export class StateStoreUnavailableError extends TypedError {
  override readonly name = 'StateStoreUnavailableError';
  readonly retryable = true;
}

/** The state store refused the request or holds a record this code cannot read. */
export class StateStoreRequestError extends TypedError {
  override readonly name = 'StateStoreRequestError';
  readonly retryable = false;
}

/** A record changed under concurrent writers on every attempt of a read-modify-write. */
export class StateStoreContentionError extends TypedError {
  override readonly name = 'StateStoreContentionError';
  readonly retryable = true;
}

/**
 * A window starts further back than its report type's `maxLookbackDays`: Amazon would cancel the
 * report, which the pipeline would record as "no data". Refused before any call; the next plan
 * starts the lane inside the lookback.
 */
export class WindowBeyondLookbackError extends TypedError {
  override readonly name = 'WindowBeyondLookbackError';
  readonly retryable = false;

  constructor(
    readonly reportConfigId: string,
    readonly dataStartTime: string,
    readonly maxLookbackDays: number,
    reportType: string,
  ) {
    super(
      `report config ${reportConfigId}: dataStartTime ${dataStartTime} is more than ${maxLookbackDays} days back; Amazon cancels ${reportType} reports that start that far back`,
    );
  }
}

/** A configuration parameter could not be read (SSM unavailable, throttled or access refused). */
export class ConfigParameterUnavailableError extends TypedError {
  override readonly name = 'ConfigParameterUnavailableError';
  readonly retryable = true;
}
