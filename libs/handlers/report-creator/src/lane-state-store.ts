import type { LaneState } from '@spapi-lake/workflows';
import { z } from 'zod';
import type { VersionedStore } from './versioned-store';

/**
 * Port: one `LaneState` per lane, keyed by `LaneRef.key`, changed only through the workflows'
 * transitions with a conditional write (so a claim and a watermark move are atomic).
 */
export type LaneStateStore = VersionedStore<LaneState>;

const isoInstant = z.iso.datetime({ offset: true });

/** What a stored lane state must look like (stores validate what they read back). */
export const laneStateSchema: z.ZodType<LaneState> = z.strictObject({
  watermark: isoInstant.optional(),
  claim: z
    .strictObject({
      executionName: z.string().min(1),
      claimedAt: isoInstant,
      // Absent in claims written before a left-behind claim could be taken over.
      executionArn: z.string().min(1).optional(),
      windowEnd: isoInstant.optional(),
    })
    .optional(),
  failure: z
    .strictObject({
      windowStart: isoInstant,
      attempts: z.int().positive(),
      // Absent in records written before FATAL endings were counted apart (fatalAttemptsOf).
      fatalAttempts: z.int().nonnegative().optional(),
      lastError: z.string(),
    })
    .optional(),
});
