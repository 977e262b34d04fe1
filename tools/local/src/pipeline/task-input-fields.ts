import { LocalTaskError } from '../engine/local-executions';

// Reading the untyped inputs the local state machines hand to task overrides.

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null
    ? Object.fromEntries(Object.entries(value))
    : {};
}

export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

export function stringField(value: unknown, key: string): string {
  const found = field(value, key);
  if (typeof found !== 'string')
    throw new LocalTaskError('States.Runtime', `${key} is not a string`);
  return found;
}

export function numberField(value: unknown, key: string): number {
  const found = field(value, key);
  if (typeof found !== 'number')
    throw new LocalTaskError('States.Runtime', `${key} is not a number`);
  return found;
}
