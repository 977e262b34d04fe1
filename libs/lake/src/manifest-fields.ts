import { z } from 'zod';
import {
  AMAZON_ID_PATTERN,
  SELLING_PARTNER_ID_PATTERN,
  DATASET_PATTERN,
  ISO_INSTANT_PATTERN,
  REPORT_CONFIG_ID_PATTERN,
  REPORT_ID_PATTERN,
  REPORT_TYPE_PATTERN,
} from './key-components';
import { ManifestInvalidError } from './errors';

/** Field schemas shared by the report manifest and the ledger entry. */
export const manifestFields = {
  reportId: z.string().regex(REPORT_ID_PATTERN),
  reportType: z.string().regex(REPORT_TYPE_PATTERN),
  reportConfigId: z.string().regex(REPORT_CONFIG_ID_PATTERN),
  amazonId: z.string().regex(AMAZON_ID_PATTERN),
  sellingPartnerId: z.string().regex(SELLING_PARTNER_ID_PATTERN),
  dataset: z.string().regex(DATASET_PATTERN),
  /** Stored normalised to UTC with milliseconds (`Date#toISOString`). */
  instant: z
    .string()
    .regex(ISO_INSTANT_PATTERN)
    .refine((value) => !Number.isNaN(Date.parse(value)), 'not a valid instant'),
  count: z.number().int().nonnegative(),
};

/**
 * An instant as `Date#toISOString` (UTC, milliseconds), so one instant has one spelling. Input that
 * is not a zoned ISO-8601 instant is returned unchanged for the schema to reject.
 */
export function normaliseInstant(value: string | Date): string {
  if (typeof value === 'string' && !ISO_INSTANT_PATTERN.test(value)) return value;
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

/** Validates `value` against `schema`, turning zod issues into `ManifestInvalidError` (paths only, no values). */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new ManifestInvalidError(`Invalid ${what}: ${problems}`, { cause: result.error });
}

/** Parses JSON text (or bytes) as `what`, with the same typed error for bad JSON and bad shape. */
export function parseJsonWith<T>(schema: z.ZodType<T>, text: string | Buffer, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text.toString());
  } catch (error) {
    throw new ManifestInvalidError(`Invalid ${what}: not JSON`, { cause: error });
  }
  return parseWith(schema, value, what);
}
