import { Region } from '@spapi-lake/config';
import { z } from 'zod';

// The Task inputs of the two state machines (libs/workflows *-contract.ts), checked at the edge:
// unknown keys are dropped, the rest must have exactly the contract's shape.

const isoInstant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });
const text = z.string().min(1);

/** `ReportIngestionInput` (the CreateReport Task receives it as it is). */
export const reportIngestionInputSchema = z.object({
  sellingPartnerId: text,
  region: z.enum(Region),
  accountType: text,
  reportConfigId: text,
  reportType: z.string().regex(/^[A-Z0-9_]+$/, { error: 'must be an SP-API report type' }),
  marketplaceIds: z.tuple([text]),
  window: z.object({ start: isoInstant, end: isoInstant }),
  dataStartTime: isoInstant.optional(),
  dataEndTime: isoInstant.optional(),
  reportOptions: z.record(z.string(), z.string({ error: 'reportOptions values must be strings' })),
  awaitNotification: z.boolean(),
  attempt: z.int().positive(),
});

/** `LaneRef`. */
export const laneRefSchema = z.object({
  key: text,
  sellingPartnerId: text,
  region: text,
  reportConfigId: text,
  reportType: text,
  marketplaceId: text,
});

/** `FanOutWindow`. */
export const fanOutWindowSchema = z.object({
  executionName: text,
  executionArn: text,
  previousWatermark: isoInstant.optional(),
  input: reportIngestionInputSchema,
});

/** `PlanFanOutInput`, with the scheduler's request (`scheduledTime` and the optional filters). */
export const planFanOutInputSchema = z.object({
  now: isoInstant,
  ingestionStateMachineArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:states:[^:]+:\d{12}:stateMachine:.+$/, {
      error: 'must be a state machine ARN',
    }),
  request: z.object({
    scheduledTime: isoInstant.optional(),
    sellingPartnerIds: z.array(text).optional(),
    reportConfigIds: z.array(text).optional(),
  }),
});

/** `ClaimWindowInput` (`takeOver` from `TakeOverClaim` only). */
export const claimWindowInputSchema = z.object({
  lane: laneRefSchema,
  window: fanOutWindowSchema,
  takeOver: z.object({ executionArn: text, status: text }).optional(),
});

/** `CompleteWindowInput`: `result` is the ingestion's (SUCCEEDED) or the skip's (SKIPPED). */
export const completeWindowInputSchema = z.object({
  lane: laneRefSchema,
  window: fanOutWindowSchema,
  result: z.object({
    outcome: z.enum(['SUCCEEDED', 'SKIPPED']),
    executionArn: z.string().optional(),
  }),
});

/** `RecordWindowFailureInput`. */
export const recordWindowFailureInputSchema = z.object({
  lane: laneRefSchema,
  window: fanOutWindowSchema,
  failure: z.object({ Error: text, Cause: z.string().optional() }),
  maxFatalAttempts: z.int().positive(),
});
