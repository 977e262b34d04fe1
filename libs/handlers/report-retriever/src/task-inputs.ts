import { Region } from '@spapi-lake/config';
import { z } from 'zod';
import { TaskInputInvalidError } from './errors';
import type { ReportPlacement } from './use-cases/report-placement';

// Loose objects: the execution state carries more than each task reads (plan data, earlier results).
const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not an instant');

const partnerFields = {
  sellingPartnerId: z.string().min(1),
  region: z.enum(Region),
};

/** `GetReport` input (workflows' `GetReportStatusInput`). */
export const getReportStatusInputSchema = z.looseObject({
  ...partnerFields,
  reportId: z.string().min(1),
  pollCount: z.number().int().nonnegative(),
  maxWaitSeconds: z.number().int().positive(),
});

const reportRef = z.looseObject({ reportId: z.string().min(1) });

/**
 * The fields of workflows' `ReportIngestionState` the retriever's tasks read. A fan-out window
 * carries its report config, its one marketplace and its window (the ledger key's parts); the
 * report retrieval state machine (`ReportRetrievalInput`, Amazon-generated reports) carries none.
 */
const ingestionStateFields = {
  ...partnerFields,
  reportType: z.string().min(1),
  reportConfigId: z.string().min(1).optional(),
  /** Exactly one marketplace per window (workflows' contract). */
  marketplaceIds: z.tuple([z.string().min(1)]).optional(),
  window: z.looseObject({ start: instant, end: instant }).optional(),
  report: reportRef.optional(),
  status: z
    .looseObject({
      processingStatus: z.string().min(1),
      reportDocumentId: z.string().min(1).optional(),
    })
    .optional(),
  error: z.looseObject({ Error: z.string(), Cause: z.string().optional() }).optional(),
};

const PLACEMENT_FIELDS = ['reportConfigId', 'marketplaceIds', 'window'] as const;

// A window's placement comes whole or not at all: half of one would name the wrong ledger entry.
function wholePlacementOrNone(
  state: { readonly [K in (typeof PLACEMENT_FIELDS)[number]]?: unknown },
  context: z.RefinementCtx,
): void {
  const present = PLACEMENT_FIELDS.filter((field) => state[field] !== undefined);
  if (present.length === 0 || present.length === PLACEMENT_FIELDS.length) return;
  for (const field of PLACEMENT_FIELDS.filter((name) => !present.includes(name))) {
    context.addIssue({
      code: 'custom',
      path: [field],
      message: `required with ${present.join(', ')} (a window's placement comes whole)`,
    });
  }
}

/** The ingestion state, of a fan-out window or of a retrieval (no placement). */
export const ingestionStateSchema = z
  .looseObject(ingestionStateFields)
  .superRefine(wholePlacementOrNone);
export type IngestionState = z.output<typeof ingestionStateSchema>;

/** `RetrieveReport` input: the state once a report exists and is DONE. */
export const retrieveReportInputSchema = z
  .looseObject({ ...ingestionStateFields, report: reportRef })
  .superRefine(wholePlacementOrNone);

/** `RecordNoData` and `RecordFailure` input (workflows' `RecordOutcomeInput`). */
export const recordOutcomeInputSchema = z.looseObject({
  outcome: z.enum(['CANCELLED', 'FAILED']),
  ingestion: ingestionStateSchema,
});

/** `RecordFatal` input: only a report of a fan-out window can end FATAL. */
export const recordFatalInputSchema = z.looseObject({
  outcome: z.literal('FATAL'),
  ingestion: z.looseObject({
    ...ingestionStateFields,
    report: reportRef,
    reportConfigId: z.string().min(1),
    marketplaceIds: z.tuple([z.string().min(1)]),
    window: z.looseObject({ start: instant, end: instant }),
  }),
});

/** The state's placement, when it is a fan-out window's (validated whole by the schemas above). */
export function placementOf(state: {
  readonly reportConfigId?: string | undefined;
  readonly marketplaceIds?: readonly [string] | undefined;
  readonly window?: { readonly start: string; readonly end: string } | undefined;
}): ReportPlacement | undefined {
  const { reportConfigId, marketplaceIds, window } = state;
  if (reportConfigId === undefined || marketplaceIds === undefined || window === undefined) {
    return undefined;
  }
  return { reportConfigId, marketplaceIds, window: { start: window.start, end: window.end } };
}

/** Validates a task's event; throws `TaskInputInvalidError` naming the bad fields, not their values. */
export function parseTaskInput<S extends z.ZodType>(
  schema: S,
  event: unknown,
  task: string,
): z.output<S> {
  const result = schema.safeParse(event);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
  throw new TaskInputInvalidError(`${task} received an input outside its contract: ${problems}`);
}
