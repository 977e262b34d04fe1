import { TypedError } from '@spapi-lake/core';

/**
 * A valid notification that belongs to another consumer: APPLICATION_OAUTH_* messages go to the
 * token broker's own queue (they carry a client secret). It can never succeed here.
 */
export class NotificationNotConsumedHereError extends TypedError {
  override readonly name = 'NotificationNotConsumedHereError';
  readonly retryable = false;

  constructor(readonly notificationType: string) {
    super(
      `${notificationType} notifications are consumed by the token broker's queue, not by the notification subscriber`,
    );
  }
}

/**
 * A notification whose partner cannot be resolved: its subscription is not in the directory, and
 * it names no merchant token.
 */
export class NotificationPartnerUnknownError extends TypedError {
  override readonly name = 'NotificationPartnerUnknownError';
  readonly retryable = false;
}

/** The WaitForNotification payload does not match `RegisterReportWaiterInput`. */
export class WaiterRegistrationInvalidError extends TypedError {
  override readonly name = 'WaiterRegistrationInvalidError';
  readonly retryable = false;
}

/**
 * The partner has no REPORT_PROCESSING_FINISHED subscription in the directory (setupSubscriptions
 * failed for it or has not run): no notification will come, so the ingestion polls at once.
 * register-waiter sends it as the task's failure (SendTaskFailure), never as a Lambda error.
 */
export class ReportSubscriptionMissingError extends TypedError {
  override readonly name = 'ReportSubscriptionMissingError';
  readonly retryable = false;

  constructor(
    readonly sellingPartnerId: string,
    readonly region: string,
  ) {
    super(
      `No REPORT_PROCESSING_FINISHED subscription is recorded for ${sellingPartnerId} in ${region}: the ingestion polls (run setupSubscriptions)`,
    );
  }
}

/** The waiter / outcome / subscription store (DynamoDB) could not be reached; a retry may work. */
export class NotificationStoreUnavailableError extends TypedError {
  override readonly name = 'NotificationStoreUnavailableError';
  readonly retryable = true;
}

/** The store refused a request (permissions, missing table, bad item): retrying will not help. */
export class NotificationStoreRequestError extends TypedError {
  override readonly name = 'NotificationStoreRequestError';
  readonly retryable = false;
}

/** Step Functions (SendTaskSuccess/Failure, StartExecution) could not be reached or throttled. */
export class ExecutionControlUnavailableError extends TypedError {
  override readonly name = 'ExecutionControlUnavailableError';
  readonly retryable = true;
}

/** Step Functions refused a request (permissions, missing state machine, bad input). */
export class ExecutionControlRequestError extends TypedError {
  override readonly name = 'ExecutionControlRequestError';
  readonly retryable = false;
}

/** The listing refresh queue could not be reached or throttled. */
export class ListingRefreshUnavailableError extends TypedError {
  override readonly name = 'ListingRefreshUnavailableError';
  readonly retryable = true;
}

/** The listing refresh queue refused a message (permissions, missing queue). */
export class ListingRefreshRequestError extends TypedError {
  override readonly name = 'ListingRefreshRequestError';
  readonly retryable = false;
}

/**
 * createSubscription answered 409 but the subscription SP-API holds delivers to another destination
 * (Amazon processes deleteSubscriptionById asynchronously); a later setup run replaces it.
 */
export class SubscriptionDestinationMismatchError extends TypedError {
  override readonly name = 'SubscriptionDestinationMismatchError';
  readonly retryable = true;
}

/** Subscription setup finished with failures; `failures` names each (partner, step) that failed. */
export class SubscriptionSetupIncompleteError extends TypedError {
  override readonly name = 'SubscriptionSetupIncompleteError';
  readonly retryable = true;

  constructor(readonly failures: readonly string[]) {
    super(`Subscription setup failed for: ${failures.join('; ')}`);
  }
}

/** A settlement sweep could not list or retrieve for some accounts; `failures` names each. */
export class SettlementSweepIncompleteError extends TypedError {
  override readonly name = 'SettlementSweepIncompleteError';
  readonly retryable = true;

  constructor(readonly failures: readonly string[]) {
    super(`Settlement sweep failed for: ${failures.join('; ')}`);
  }
}
