import { TypedError } from '@spapi-lake/core';

/** An object key is not a clean relative POSIX path (leading slash, `..`, empty or dot segment). */
export class InvalidObjectKeyError extends TypedError {
  override readonly name = 'InvalidObjectKeyError';
  readonly retryable = false;
}

/** The object does not exist (S3 NoSuchKey / NotFound, or no such file on disk). */
export class ObjectNotFoundError extends TypedError {
  override readonly name = 'ObjectNotFoundError';
  readonly retryable = false;
}

/** The store could not be reached or asked us to slow down (throttling, 5xx, network, EMFILE). */
export class ObjectStoreUnavailableError extends TypedError {
  override readonly name = 'ObjectStoreUnavailableError';
  readonly retryable = true;
}

/**
 * A compare-and-swap write found the object changed (or created) since it was read: another writer
 * came first. Reading it again and deciding again is safe.
 */
export class ObjectChangedError extends TypedError {
  override readonly name = 'ObjectChangedError';
  readonly retryable = true;
}

/** The store refused the request for good (access denied, KMS key refused, disk full...). */
export class ObjectStoreRequestError extends TypedError {
  override readonly name = 'ObjectStoreRequestError';
  readonly retryable = false;
}

/** A lake key component (partner id, date, dataset, report type...) has a forbidden shape. */
export class InvalidLakeKeyError extends TypedError {
  override readonly name = 'InvalidLakeKeyError';
  readonly retryable = false;
}

/** A Parquet column list is unusable: bad or duplicate names, decimal without precision/scale. */
export class ParquetSchemaError extends TypedError {
  override readonly name = 'ParquetSchemaError';
  readonly retryable = false;
}

/**
 * One row does not fit the Parquet schema (wrong type, null in a required column, out of range,
 * unknown field). The row is rejected whole and the sink stays usable, so callers can quarantine it.
 */
export class ParquetRowError extends TypedError {
  override readonly name = 'ParquetRowError';
  readonly retryable = false;
}

/** The Parquet sink was used after `close()` or after its output failed. */
export class ParquetSinkClosedError extends TypedError {
  override readonly name = 'ParquetSinkClosedError';
  readonly retryable = false;
}

/** The byte sink behind a Parquet writer failed or closed early (e.g. the upload it feeds broke). */
export class ParquetOutputError extends TypedError {
  override readonly name = 'ParquetOutputError';
  readonly retryable = true;
}

/** A manifest or ledger entry does not match its schema (when building or when reading back). */
export class ManifestInvalidError extends TypedError {
  override readonly name = 'ManifestInvalidError';
  readonly retryable = false;
}
