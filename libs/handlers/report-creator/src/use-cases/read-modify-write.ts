import { isDeepStrictEqual } from 'node:util';
import { StateStoreContentionError } from '../errors';
import type { PutOptions, VersionedStore } from '../versioned-store';

/** What a change to a versioned record decides: the new value (absent: no write) and a result. */
export interface RecordChange<T, R> {
  readonly value?: T;
  readonly result: R;
}

/** Conditional writes tried before giving up with StateStoreContentionError. */
export const DEFAULT_MAX_WRITE_ATTEMPTS = 5;

/**
 * Applies `change` to the record under `key` with optimistic locking: read, decide, write only if
 * nobody wrote in between, else decide again on what they wrote. `change` must be pure (it may run
 * several times); an unchanged value is not written.
 */
export async function readModifyWrite<T, R>(
  store: VersionedStore<T>,
  key: string,
  change: (current: T | undefined) => RecordChange<T, R>,
  options: PutOptions & { readonly maxAttempts?: number } = {},
): Promise<R> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_WRITE_ATTEMPTS;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const current = await store.get(key);
    const { value, result } = change(current?.value);
    if (value === undefined || isDeepStrictEqual(value, current?.value)) return result;
    const putOptions = options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt };
    if (await store.put(key, value, current?.version, putOptions)) return result;
  }
  throw new StateStoreContentionError(
    `The record ${key} changed under ${maxAttempts} concurrent writes in a row`,
  );
}
