import { ObjectNotFoundError, type ObjectStore } from '@spapi-lake/lake';
import type { z } from 'zod';
import { RefreshWorkObjectInvalidError } from './errors';

/** Writes a small JSON work object. */
export async function writeJsonObject(
  store: ObjectStore,
  key: string,
  value: unknown,
): Promise<void> {
  await store.putObject(key, `${JSON.stringify(value)}\n`, { contentType: 'application/json' });
}

/** Reads and validates a JSON work object; RefreshWorkObjectInvalidError when it is not one. */
export async function readJsonObject<T extends z.ZodType>(
  store: ObjectStore,
  key: string,
  schema: T,
): Promise<z.output<T>> {
  const text = (await store.getObject(key)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RefreshWorkObjectInvalidError(`${key} is not JSON`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new RefreshWorkObjectInvalidError(
      `${key} does not match its schema (${first?.path.join('.') ?? ''}: ${first?.message ?? ''})`,
    );
  }
  return result.data;
}

/** Every key under `prefix`, in key order. */
export async function listKeys(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of store.list(prefix)) keys.push(object.key);
  return keys;
}

/** Whether `error` says the object does not exist. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ObjectNotFoundError;
}
