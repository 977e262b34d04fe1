import type {
  ClaimWindowOutput,
  CompleteWindowOutput,
  RecordWindowFailureOutput,
} from '@spapi-lake/workflows';
import type { LogAttributes } from '@aws-lambda-powertools/logger/types';
import type { HandlerLogger } from './handler-logger';
import { runTask } from './run-task';
import {
  claimWindowInputSchema,
  completeWindowInputSchema,
  recordWindowFailureInputSchema,
} from './task-input-schemas';
import { claimWindow } from './use-cases/claim-window';
import { completeWindow } from './use-cases/complete-window';
import type { LaneTransitionDeps } from './use-cases/lane-transition-deps';
import { recordWindowFailure } from './use-cases/record-window-failure';

/** What the three lane handlers run on. */
export interface LaneHandlerDeps extends LaneTransitionDeps {
  readonly logger: HandlerLogger;
}

const windowKeys = (input: {
  lane: { key: string; sellingPartnerId: string; reportConfigId: string };
  window: { executionName: string; input: { window: { start: string; end: string } } };
}): LogAttributes => ({
  laneKey: input.lane.key,
  sellingPartnerId: input.lane.sellingPartnerId,
  reportConfigId: input.lane.reportConfigId,
  executionName: input.window.executionName,
  windowStart: input.window.input.window.start,
  windowEnd: input.window.input.window.end,
});

/** `ClaimWindow` of the fan-out: `{ lane, window, takeOver? }` -> `{ claimed, reason?, holder? }`. */
export function createClaimWindowHandler(
  deps: LaneHandlerDeps,
): (event: unknown) => Promise<ClaimWindowOutput> {
  return runTask(deps.logger, {
    task: 'ClaimWindow',
    schema: claimWindowInputSchema,
    keys: windowKeys,
    run: async (input) => {
      const result = await claimWindow(deps, input);
      return { result, log: { ...result } };
    },
  });
}

/** `CompleteWindow` of the fan-out: `{ lane, window, result }` -> `{ watermark }`. */
export function createCompleteWindowHandler(
  deps: LaneHandlerDeps,
): (event: unknown) => Promise<CompleteWindowOutput> {
  return runTask(deps.logger, {
    task: 'CompleteWindow',
    schema: completeWindowInputSchema,
    keys: windowKeys,
    run: async (input) => {
      const result = await completeWindow(deps, input);
      return { result, log: { ...result, outcome: input.result.outcome } };
    },
  });
}

/**
 * `RecordWindowFailure` of the fan-out: `{ lane, window, failure, maxFatalAttempts }` ->
 * `{ skip, outcome, errorName, attempts, reason? }`.
 */
export function createRecordWindowFailureHandler(
  deps: LaneHandlerDeps,
): (event: unknown) => Promise<RecordWindowFailureOutput> {
  return runTask(deps.logger, {
    task: 'RecordWindowFailure',
    schema: recordWindowFailureInputSchema,
    keys: windowKeys,
    run: async (input) => {
      const result = await recordWindowFailure(deps, input);
      const { reason: _reason, ...log } = result;
      return { result, log };
    },
  });
}
