import { z } from 'zod';
import { AccountType } from './account';
import type { ConfigurationError } from './errors';
import { configurationError, formatPath, parseDocument, toConfigurationIssues } from './issues';
import { MarketplaceIdListSchema } from './marketplace-id-schema';
import { ScheduleSchema } from './schedule';

/** Periods of period-aligned report types (Brand Analytics, vendor analytics), SPAPI.md 5.1. */
export const ReportPeriod = {
  Day: 'DAY',
  Week: 'WEEK',
  Month: 'MONTH',
  Quarter: 'QUARTER',
  Year: 'YEAR',
} as const;
export type ReportPeriod = (typeof ReportPeriod)[keyof typeof ReportPeriod];

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const REPORT_TYPE = /^[A-Z0-9_]+$/;

const positiveInt = (what: string) =>
  z.int({ error: `must be a whole number of ${what}` }).positive({ error: 'must be at least 1' });

// SP-API accepts only string values in reportOptions (SPAPI.md 4.2); a JSON `true` or `30` is a
// common slip that Amazon may accept at create time and fail later.
const ReportOptionsSchema = z.record(
  z.string(),
  z.string({
    error: 'must be a string (SP-API reportOptions values are strings: write "true", not true)',
  }),
);

/** One report to ingest: which type, for which accounts, over which windows, on which schedule. */
export const ReportConfigSchema = z
  .strictObject({
    id: z
      .string()
      .max(64, { error: 'must be at most 64 characters' })
      .regex(SLUG, { error: 'must be a slug: lowercase letters, digits and single hyphens' }),
    reportType: z.string().regex(REPORT_TYPE, {
      error: 'must be an SP-API report type (uppercase letters, digits and "_")',
    }),
    marketplaceIds: MarketplaceIdListSchema.optional(),
    accountTypes: z
      .array(z.enum(AccountType))
      .min(1, { error: 'must list at least one account type' })
      .refine((types) => new Set(types).size === types.length, {
        error: 'must not repeat an account type',
      }),
    windowDays: positiveInt('days').optional(),
    period: z.enum(ReportPeriod).optional(),
    lagHours: z
      .int({ error: 'must be a whole number of hours' })
      .nonnegative({ error: 'must be 0 or more' })
      .default(0),
    maxWindowDays: positiveInt('days').optional(),
    reportOptions: ReportOptionsSchema.optional(),
    schedule: ScheduleSchema,
    // Any past date is valid, however far back: a backfill config must not turn invalid as time
    // passes. Planning clamps it to the report type's lookback (`maxLookbackDays` in
    // @spapi-lake/reports) and reports the days it skips.
    startDate: z.iso.date({ error: 'must be an ISO date (YYYY-MM-DD)' }).optional(),
    enabled: z.boolean().default(true),
  })
  .superRefine((config, ctx) => {
    const hasWindow = config.windowDays !== undefined;
    const hasPeriod = config.period !== undefined;
    if (hasWindow === hasPeriod) {
      ctx.addIssue({
        code: 'custom',
        path: [hasWindow ? 'period' : 'windowDays'],
        message: 'set exactly one of windowDays (rolling windows) or period (period-aligned)',
      });
    }
    if (config.maxWindowDays !== undefined && hasPeriod) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxWindowDays'],
        message:
          'applies to windowDays configs only (a period config requests one period per report)',
      });
    }
    if (
      config.maxWindowDays !== undefined &&
      config.windowDays !== undefined &&
      config.maxWindowDays < config.windowDays
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxWindowDays'],
        message: `must be at least windowDays (${config.windowDays})`,
      });
    }
    const reportPeriod = config.reportOptions?.['reportPeriod'];
    if (hasPeriod && reportPeriod !== undefined && reportPeriod !== config.period) {
      ctx.addIssue({
        code: 'custom',
        path: ['reportOptions', 'reportPeriod'],
        message: `must equal period "${config.period}" when both are set`,
      });
    }
  });

/** A report config as written in SSM (defaults not yet applied). */
export type ReportConfigInput = z.input<typeof ReportConfigSchema>;
/** A validated report config with its defaults applied. */
export type ReportConfig = z.output<typeof ReportConfigSchema>;

/** The report-configs document: a list of report configs with distinct ids. */
export const ReportConfigsSchema = z.array(ReportConfigSchema).superRefine((configs, ctx) => {
  const seen = new Map<string, number>();
  configs.forEach((config, index) => {
    const first = seen.get(config.id);
    if (first === undefined) {
      seen.set(config.id, index);
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path: [index, 'id'],
      message: `duplicate id "${config.id}" (first at index ${first})`,
    });
  });
});

/**
 * Validates the report-configs document (a JSON string or a parsed value). Throws a
 * ConfigurationError naming each bad key path under `source` (default `reportConfigs`).
 */
export function parseReportConfigs(json: unknown, source = 'reportConfigs'): ReportConfig[] {
  return parseDocument(ReportConfigsSchema, json, source);
}

/** A report config of the document that cannot be used, and why. */
export interface RejectedReportConfig {
  /** Its position in the document. */
  readonly index: number;
  /** Its id, when it has a readable one. */
  readonly id?: string;
  readonly error: ConfigurationError;
}

/** The usable report configs of a document and the ones left out. */
export interface ReportConfigEntries {
  readonly configs: ReportConfig[];
  readonly rejected: RejectedReportConfig[];
}

const idOf = (entry: unknown): string | undefined => {
  const id: unknown =
    entry !== null && typeof entry === 'object' ? Reflect.get(entry, 'id') : undefined;
  return typeof id === 'string' && SLUG.test(id) ? id : undefined;
};

/**
 * Validates each report config of the document on its own: a bad one, and every config sharing an
 * id (which one was meant is unknown), is rejected with its located issues and the others are
 * kept, so one mistake made straight in SSM does not stop every schedule. A document that is not
 * JSON, or not a list, still throws a ConfigurationError.
 */
export function parseReportConfigEntries(
  json: unknown,
  source = 'reportConfigs',
): ReportConfigEntries {
  const entries: unknown[] = parseDocument(z.array(z.unknown()), json, source);
  const rejected: RejectedReportConfig[] = [];
  const valid: { index: number; config: ReportConfig }[] = [];
  entries.forEach((entry, index) => {
    const result = ReportConfigSchema.safeParse(entry);
    if (result.success) {
      valid.push({ index, config: result.data });
      return;
    }
    const issues = toConfigurationIssues(result.error.issues, entry, (path) =>
      formatPath(`${source}[${index}]`, path),
    );
    const id = idOf(entry);
    rejected.push({
      index,
      ...(id === undefined ? {} : { id }),
      error: configurationError(source, issues),
    });
  });
  const counts = new Map<string, number>();
  for (const { config } of valid) counts.set(config.id, (counts.get(config.id) ?? 0) + 1);
  const configs: ReportConfig[] = [];
  for (const { index, config } of valid) {
    if ((counts.get(config.id) ?? 0) === 1) {
      configs.push(config);
      continue;
    }
    const path = formatPath(`${source}[${index}]`, ['id']);
    rejected.push({
      index,
      id: config.id,
      error: configurationError(source, [{ path, message: `id "${config.id}" is not unique` }]),
    });
  }
  rejected.sort((a, b) => a.index - b.index);
  return { configs, rejected };
}
