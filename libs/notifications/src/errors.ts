import { TypedError } from '@spapi-lake/core';

/** A queue message that is not a valid SP-API notification; it can never succeed (dead-letter it). */
export class NotificationMalformedError extends TypedError {
  override readonly name = 'NotificationMalformedError';
  readonly retryable = false;
}

/** A valid notification of a type this pipeline does not consume. */
export class UnsupportedNotificationTypeError extends TypedError {
  override readonly name = 'UnsupportedNotificationTypeError';
  readonly retryable = false;

  constructor(readonly notificationType: string) {
    super(`notification type ${notificationType} is not consumed by this pipeline`);
  }
}
