/** A stored record and the version a conditional write must name to replace it. */
export interface VersionedRecord<T> {
  readonly value: T;
  /** Starts at 1 and grows by one with each write. */
  readonly version: number;
}

/** Options of one conditional write. */
export interface PutOptions {
  /** Epoch milliseconds after which the store may delete the record (DynamoDB TTL). */
  readonly expiresAt?: number;
}

/**
 * Port: records by key, replaced only with a conditional write (optimistic locking). `put` writes
 * when the stored version is still `expectedVersion` (undefined: no record yet) and answers false
 * when another writer got there first, so callers re-read and re-apply their change.
 */
export interface VersionedStore<T> {
  get(key: string): Promise<VersionedRecord<T> | undefined>;
  /** The records of `keys` that exist (strongly consistent); absent keys are left out. */
  getMany(keys: readonly string[]): Promise<ReadonlyMap<string, T>>;
  put(
    key: string,
    value: T,
    expectedVersion: number | undefined,
    options?: PutOptions,
  ): Promise<boolean>;
}
