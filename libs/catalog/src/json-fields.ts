/** A JSON object as SP-API returned it: read only through the typed getters below. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** `value` when it is a JSON object, else undefined. */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** `value` when it is an array, else an empty one. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-empty string field, else null. */
export function stringField(object: JsonObject | undefined, key: string): string | null {
  const value = object?.[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A boolean field, else null. */
export function booleanField(object: JsonObject | undefined, key: string): boolean | null {
  const value = object?.[key];
  return typeof value === 'boolean' ? value : null;
}

/** An integer field (a number without fraction, within the safe range), else null. */
export function integerField(object: JsonObject | undefined, key: string): number | null {
  const value = object?.[key];
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

/** The strings of an array field (other elements dropped). */
export function stringsField(object: JsonObject | undefined, key: string): string[] {
  return asArray(object?.[key]).filter((item): item is string => typeof item === 'string');
}

/** The element of a per-marketplace array (`[{ marketplaceId, ... }]`) for one marketplace. */
export function entryFor(value: unknown, marketplaceId: string): JsonObject | undefined {
  for (const element of asArray(value)) {
    const entry = asObject(element);
    if (entry?.['marketplaceId'] === marketplaceId) return entry;
  }
  return undefined;
}

/** `JSON.stringify` of a present value; null for undefined and null. */
export function jsonText(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * The attributes of one marketplace from an attribute map whose values carry `marketplace_id`
 * (a multi-marketplace answer merges them); values without one apply everywhere.
 */
export function attributesFor(value: unknown, marketplaceId: string): JsonObject | undefined {
  const attributes = asObject(value);
  if (attributes === undefined) return undefined;
  const result: Record<string, unknown[]> = {};
  for (const [name, values] of Object.entries(attributes)) {
    const kept = asArray(values).filter((item) => {
      const scoped = asObject(item)?.['marketplace_id'];
      return scoped === undefined || scoped === marketplaceId;
    });
    if (kept.length > 0) result[name] = kept;
  }
  return result;
}

/** Epoch milliseconds of an ISO 8601 instant, else null. */
export function instantField(object: JsonObject | undefined, key: string): number | null {
  const value = stringField(object, key);
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** A `yyyy-mm-dd` date (the date part of a date or date-time), else null. */
export function dateField(object: JsonObject | undefined, key: string): string | null {
  const value = stringField(object, key);
  const match = value === null ? null : /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value);
  return match?.[1] ?? null;
}

/** A decimal string with at most `scale` fraction digits (SP-API money), else null. */
export function decimalField(
  object: JsonObject | undefined,
  key: string,
  scale: number,
): string | null {
  const value = object?.[key];
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') return null;
  const match = /^-?\d+(?:\.(\d+))?$/.exec(text.trim());
  return match !== null && (match[1]?.length ?? 0) <= scale ? text.trim() : null;
}
