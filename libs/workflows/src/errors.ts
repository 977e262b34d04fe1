import { TypedError } from '@spapi-lake/core';

/** A report config cannot be cut into windows (no period for a period-aligned type, missing option). */
export class WindowPlanningError extends TypedError {
  override readonly name = 'WindowPlanningError';
  readonly retryable = false;

  constructor(
    readonly reportConfigId: string,
    reason: string,
  ) {
    super(`report config ${reportConfigId}: ${reason}`);
  }
}

/**
 * A window cannot move the watermark: the lane's watermark is neither at the window's start nor
 * already past its end, so completing it would leave a gap or an overlap.
 */
export class WatermarkConflictError extends TypedError {
  override readonly name = 'WatermarkConflictError';
  readonly retryable = false;

  constructor(
    readonly watermark: string | undefined,
    readonly windowStart: string,
    readonly windowEnd: string,
  ) {
    super(
      `watermark ${watermark ?? '(none)'} is neither the window start ${windowStart} nor past its end ${windowEnd}`,
    );
  }
}
