import { REDACTED, redactText } from './redact-text';
import { hasAuthCodeContext, isSensitiveKey } from './sensitive-keys';

/** Options of {@link redact}. */
export interface RedactOptions {
  /** Exact values to replace wherever they appear (secrets without a recognisable shape). */
  readonly secretValues?: Iterable<string>;
  /** Turns an Error into a plain object before redaction (the logger passes Powertools' formatter). */
  readonly formatError?: (error: Error) => Record<string, unknown>;
}

const MAX_DEPTH = 64;

function defaultFormatError(error: Error): Record<string, unknown> {
  const { name, message, stack, cause } = error;
  const errors = error instanceof AggregateError ? { errors: error.errors } : {};
  return { ...Object.fromEntries(Object.entries(error)), name, message, stack, cause, ...errors };
}

function hasToJson(value: object): value is { toJSON: (key: string) => unknown } {
  return typeof Reflect.get(value, 'toJSON') === 'function';
}

/**
 * Returns a redacted copy of `value`, ready to serialise: values under credential keys (any depth,
 * case-insensitive, in arrays, errors and their causes) become `[REDACTED]`, and every string
 * (keys too) goes through {@link redactText}. Pure: the input is never modified.
 */
export function redact(value: unknown, options: RedactOptions = {}): unknown {
  // Longest first, so a secret containing another is replaced whole.
  const secrets = [...new Set(options.secretValues ?? [])]
    .filter((secret) => secret !== '')
    .sort((a, b) => b.length - a.length);
  const formatError = options.formatError ?? defaultFormatError;
  const ancestors: object[] = [];

  const visitEntries = (entries: Iterable<readonly [string, unknown]>, depth: number) => {
    const list = [...entries];
    const context = { authCodeContext: hasAuthCodeContext(list.map(([key]) => key)) };
    const result: Record<string, unknown> = {};
    for (const [key, entry] of list) {
      result[redactText(key, secrets)] =
        isSensitiveKey(key, context) && entry !== undefined && entry !== null
          ? REDACTED
          : visit(entry, key, depth + 1);
    }
    return result;
  };

  const visitObject = (value: object, key: string, depth: number): unknown => {
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
      // Bytes are report contents or bodies: never worth logging, possibly secret.
      return `[Binary ${value.byteLength} bytes]`;
    }
    if (value instanceof Error) return visit(formatError(value), key, depth);
    if (hasToJson(value)) return visit(value.toJSON(key), key, depth);
    if (Array.isArray(value))
      return value.map((item, index) => visit(item, String(index), depth + 1));
    if (value instanceof Set)
      return [...value].map((item, index) => visit(item, String(index), depth + 1));
    if (value instanceof Map) {
      return visitEntries(
        [...value].map(([k, v]) => [String(k), v] as const),
        depth,
      );
    }
    if (value instanceof URLSearchParams || value instanceof Headers) {
      return visitEntries(value.entries(), depth);
    }
    return visitEntries(Object.entries(value), depth);
  };

  function visit(value: unknown, key: string, depth: number): unknown {
    if (typeof value === 'string') return redactText(value, secrets);
    if (typeof value !== 'object' || value === null) return value;
    if (depth > MAX_DEPTH) return '[Truncated]';
    if (ancestors.includes(value)) return '[Circular]';
    ancestors.push(value);
    try {
      return visitObject(value, key, depth);
    } finally {
      ancestors.pop();
    }
  }

  return visit(value, '', 0);
}
