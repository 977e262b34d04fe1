import { Region } from '@spapi-lake/config';
import { z } from 'zod';
import { TaskInputInvalidError } from './errors';

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

/** The fields of workflows' `ReportIngestionState` the retriever's tasks read. */
export const ingestionStateSchema = z.looseObject({
  ...partnerFields,
  reportType: z.string().min(1),
  /** Exactly one marketplace per window (workflows' contract). */
  marketplaceIds: z.tuple([z.string().min(1)]),
  window: z.looseObject({ start: instant, end: instant }),
  report: z.looseObject({ reportId: z.string().min(1) }).optional(),
  status: z
    .looseObject({
      processingStatus: z.string().min(1),
      reportDocumentId: z.string().min(1).optional(),
    })
    .optional(),
  error: z.looseObject({ Error: z.string(), Cause: z.string().optional() }).optional(),
});
export type IngestionState = z.output<typeof ingestionStateSchema>;

/** `RetrieveReport` input: the state once a report exists and is DONE. */
export const retrieveReportInputSchema = ingestionStateSchema.extend({
  report: z.looseObject({ reportId: z.string().min(1) }),
});

/** `RecordNoData` and `RecordFailure` input (workflows' `RecordOutcomeInput`). */
export const recordOutcomeInputSchema = z.looseObject({
  outcome: z.enum(['CANCELLED', 'FAILED']),
  ingestion: ingestionStateSchema,
});

/** `RecordFatal` input: only a report that exists can end FATAL. */
export const recordFatalInputSchema = z.looseObject({
  outcome: z.literal('FATAL'),
  ingestion: retrieveReportInputSchema,
});

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
