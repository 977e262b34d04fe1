import { WatermarkConflictError } from './errors';
import {
  DEFAULT_CLAIM_TTL_MS,
  NEVER_STARTED_TAKEOVER_DELAY_MS,
  NOT_STARTED,
  claimLaneWindow,
  completeLaneWindow,
  fatalAttemptsOf,
  fatalWindowToSkip,
  recordLaneWindowFailure,
  windowAttempt,
  type LaneState,
  type LaneWindowRef,
} from './lane-state';
import { at } from './test/fixtures';

function windowRef(
  start: string,
  end: string,
  previousWatermark: string | null = start,
  executionName = `run-${start}`,
): LaneWindowRef {
  return {
    executionName,
    executionArn: arnOf(executionName),
    ...(previousWatermark === null ? {} : { previousWatermark }),
    input: { window: { start, end } },
  };
}

const arnOf = (executionName: string) =>
  `arn:aws:states:eu-west-1:123456789012:execution:spapi-lake-report-ingestion:${executionName}`;
const JAN1 = '2025-01-01T00:00:00Z';
const JAN2 = '2025-01-02T00:00:00Z';
const JAN3 = '2025-01-03T00:00:00Z';
const now = at('2025-01-05T10:00:00Z');

describe('claimLaneWindow', () => {
  it("claims a window planned from the lane's watermark", () => {
    const result = claimLaneWindow({ watermark: JAN1 }, windowRef(JAN1, JAN2), now);
    expect(result).toEqual({
      claimed: true,
      state: {
        watermark: JAN1,
        claim: {
          executionName: `run-${JAN1}`,
          claimedAt: '2025-01-05T10:00:00Z',
          executionArn: arnOf(`run-${JAN1}`),
          windowEnd: JAN2,
        },
      },
    });
  });

  it("claims a lane's first window only while the lane has no watermark", () => {
    expect(claimLaneWindow({}, windowRef(JAN1, JAN2, null), now).claimed).toBe(true);
    expect(claimLaneWindow({ watermark: JAN1 }, windowRef(JAN1, JAN2, null), now)).toEqual({
      claimed: false,
      reason: 'stale-plan',
    });
  });

  it('refuses a window planned from an older watermark', () => {
    expect(claimLaneWindow({ watermark: JAN2 }, windowRef(JAN1, JAN2), now)).toEqual({
      claimed: false,
      reason: 'stale-plan',
    });
  });

  it('refuses while another run holds a live claim, and takes over an expired one', () => {
    const state: LaneState = {
      watermark: JAN1,
      claim: { executionName: 'other', claimedAt: '2025-01-05T09:00:00Z' },
    };
    expect(claimLaneWindow(state, windowRef(JAN1, JAN2), now)).toEqual({
      claimed: false,
      reason: 'claimed-by-another-run',
    });
    const later = at('2025-01-05T09:00:00Z') + DEFAULT_CLAIM_TTL_MS;
    expect(claimLaneWindow(state, windowRef(JAN1, JAN2), later).claimed).toBe(true);
  });

  it('lets the same execution name claim again (a second run joining the same try)', () => {
    const state: LaneState = {
      watermark: JAN1,
      claim: { executionName: `run-${JAN1}`, claimedAt: '2025-01-05T09:00:00Z' },
    };
    expect(claimLaneWindow(state, windowRef(JAN1, JAN2), now).claimed).toBe(true);
  });
});

describe('claimLaneWindow taking over a claim left behind', () => {
  // Day D's try claimed the lane at watermark JAN1 and its fan-out died; day D+1 plans a snapshot.
  const holder = windowRef(JAN1, JAN2, JAN1, 'snapshot-day-d');
  const leftClaim = {
    executionName: holder.executionName,
    claimedAt: '2025-01-04T06:00:00Z',
    executionArn: arnOf(holder.executionName),
    windowEnd: JAN2,
  };
  const left: LaneState = { watermark: JAN1, claim: leftClaim };
  const nextDay = windowRef(JAN2, JAN3, JAN1, 'snapshot-day-d1');
  const takeOver = (status: string, executionArn = arnOf(holder.executionName)) => ({
    executionArn,
    status,
  });

  it('names the holder when refusing, so the run can ask whether it still runs', () => {
    expect(claimLaneWindow(left, nextDay, now)).toEqual({
      claimed: false,
      reason: 'claimed-by-another-run',
      holder: arnOf(holder.executionName),
    });
  });

  it.each(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'])(
    'takes over from a holder that ended %s',
    (status) => {
      expect(claimLaneWindow(left, nextDay, now, DEFAULT_CLAIM_TTL_MS, takeOver(status))).toEqual({
        claimed: true,
        state: {
          watermark: JAN1,
          claim: {
            executionName: nextDay.executionName,
            claimedAt: '2025-01-05T10:00:00Z',
            executionArn: nextDay.executionArn,
            windowEnd: JAN3,
          },
        },
      });
    },
  );

  it.each(['RUNNING', 'PENDING_REDRIVE'])('never takes over from a holder %s', (status) => {
    expect(claimLaneWindow(left, nextDay, now, DEFAULT_CLAIM_TTL_MS, takeOver(status))).toEqual({
      claimed: false,
      reason: 'claimed-by-another-run',
      holder: arnOf(holder.executionName),
    });
  });

  it('takes over only from the holder named, never from a claim made since', () => {
    const third = { ...left, claim: { ...leftClaim, executionArn: arnOf('third-run') } };
    const stale = takeOver('FAILED');
    expect(claimLaneWindow(third, nextDay, now, DEFAULT_CLAIM_TTL_MS, stale)).toEqual({
      claimed: false,
      reason: 'claimed-by-another-run',
      holder: arnOf('third-run'),
    });
  });

  it('keeps the TTL for a claim stored without its holder ARN', () => {
    const { executionArn: _arn, windowEnd: _end, ...older } = leftClaim;
    const state: LaneState = { watermark: JAN1, claim: older };
    expect(claimLaneWindow(state, nextDay, now, DEFAULT_CLAIM_TTL_MS, takeOver('FAILED'))).toEqual({
      claimed: false,
      reason: 'claimed-by-another-run',
    });
    const expiry = at(older.claimedAt) + DEFAULT_CLAIM_TTL_MS;
    expect(claimLaneWindow(state, nextDay, expiry).claimed).toBe(true);
  });

  it('waits before taking over from a holder that never started: its run may still start it', () => {
    const soon = at(leftClaim.claimedAt) + NEVER_STARTED_TAKEOVER_DELAY_MS - 1000;
    const later = soon + 1000;
    const never = takeOver(NOT_STARTED);
    expect(claimLaneWindow(left, nextDay, soon, DEFAULT_CLAIM_TTL_MS, never).claimed).toBe(false);
    expect(claimLaneWindow(left, nextDay, later, DEFAULT_CLAIM_TTL_MS, never).claimed).toBe(true);
  });

  it("completes a succeeded holder's window instead of ingesting its days twice", () => {
    // A rolling window of the next run starts at the same watermark and ends later.
    const longer = windowRef(JAN1, JAN3, JAN1, 'rolling-two-days');
    expect(claimLaneWindow(left, longer, now, DEFAULT_CLAIM_TTL_MS, takeOver('SUCCEEDED'))).toEqual(
      { claimed: false, reason: 'holder-window-completed', state: { watermark: JAN2 } },
    );
    expect(claimLaneWindow(left, longer, now, DEFAULT_CLAIM_TTL_MS, takeOver('FAILED'))).toEqual(
      expect.objectContaining({ claimed: true }),
    );
  });

  it('still refuses a stale plan, whatever the takeover says', () => {
    const stale = windowRef(JAN2, JAN3, JAN2, 'stale');
    expect(claimLaneWindow(left, stale, now, DEFAULT_CLAIM_TTL_MS, takeOver('FAILED'))).toEqual({
      claimed: false,
      reason: 'stale-plan',
    });
  });
});

describe('completeLaneWindow', () => {
  it('moves the watermark to the end and clears claim and failures', () => {
    const state: LaneState = {
      watermark: JAN1,
      claim: { executionName: 'x', claimedAt: JAN1 },
      failure: { windowStart: JAN1, attempts: 2, lastError: 'ReportFatalError' },
    };
    expect(completeLaneWindow(state, windowRef(JAN1, JAN2))).toEqual({ watermark: JAN2 });
    expect(completeLaneWindow({}, windowRef(JAN1, JAN2, null))).toEqual({ watermark: JAN2 });
  });

  it('only releases its own claim for a window the watermark has already passed', () => {
    const state: LaneState = { watermark: JAN3 };
    expect(completeLaneWindow(state, windowRef(JAN1, JAN2))).toBe(state);
    const claimed: LaneState = {
      watermark: JAN3,
      claim: { executionName: `run-${JAN1}`, claimedAt: JAN1 },
    };
    expect(completeLaneWindow(claimed, windowRef(JAN1, JAN2))).toEqual({ watermark: JAN3 });
    const other: LaneState = {
      watermark: JAN3,
      claim: { executionName: 'other', claimedAt: JAN1 },
    };
    expect(completeLaneWindow(other, windowRef(JAN1, JAN2))).toBe(other);
  });

  it('refuses to jump a gap', () => {
    expect(() => completeLaneWindow({ watermark: JAN1 }, windowRef(JAN2, JAN3))).toThrow(
      WatermarkConflictError,
    );
    expect(() => completeLaneWindow({}, windowRef(JAN2, JAN3))).toThrow(
      'watermark (none) is neither the window start',
    );
  });

  it('lets a snapshot window continue from an older watermark it was planned from', () => {
    expect(completeLaneWindow({ watermark: JAN1 }, windowRef(JAN2, JAN3, JAN1))).toEqual({
      watermark: JAN3,
    });
  });
});

describe('recordLaneWindowFailure', () => {
  it('counts attempts per window, releases the claim and skips after N FATALs', () => {
    let state: LaneState = {
      watermark: JAN1,
      claim: { executionName: `run-${JAN1}`, claimedAt: JAN1 },
    };
    const window = windowRef(JAN1, JAN2);
    const outcomes = [1, 2, 3].map(() => {
      const result = recordLaneWindowFailure(state, window, 'ReportFatalError', now, 3);
      state = result.state;
      return [result.attempts, result.skip];
    });
    expect(outcomes).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(state).toEqual({
      watermark: JAN1,
      failure: { windowStart: JAN1, attempts: 3, fatalAttempts: 3, lastError: 'ReportFatalError' },
    });
  });

  it('skips only after N FATAL endings, not counting the other failures in between', () => {
    let state: LaneState = { watermark: JAN1 };
    const window = windowRef(JAN1, JAN2);
    const errors = [
      'SpApiServerError',
      'ReportFatalError',
      'ReportPollingExhaustedError',
      'ReportFatalError',
      'ReportFatalError',
    ];
    const outcomes = errors.map((errorName) => {
      const result = recordLaneWindowFailure(state, window, errorName, now, 3);
      state = result.state;
      return [result.attempts, result.fatalAttempts, result.skip];
    });
    expect(outcomes).toEqual([
      [1, 0, false],
      [2, 1, false],
      [3, 1, false],
      [4, 2, false],
      [5, 3, true],
    ]);
  });

  it('does not skip at the first FATAL after two failures of another kind', () => {
    const state: LaneState = {
      watermark: JAN1,
      failure: { windowStart: JAN1, attempts: 2, fatalAttempts: 0, lastError: 'SpApiServerError' },
    };
    expect(
      recordLaneWindowFailure(state, windowRef(JAN1, JAN2), 'ReportFatalError', now, 3),
    ).toMatchObject({ attempts: 3, fatalAttempts: 1, skip: false });
  });

  it('reads a failure stored without a FATAL count as one FATAL ending at most', () => {
    const stored = (lastError: string): LaneState => ({
      watermark: JAN1,
      failure: { windowStart: JAN1, attempts: 2, lastError },
    });
    const window = windowRef(JAN1, JAN2);
    expect(
      recordLaneWindowFailure(stored('SpApiServerError'), window, 'ReportFatalError', now, 2),
    ).toMatchObject({ attempts: 3, fatalAttempts: 1, skip: false });
    expect(
      recordLaneWindowFailure(stored('ReportFatalError'), window, 'ReportFatalError', now, 2),
    ).toMatchObject({ attempts: 3, fatalAttempts: 2, skip: true });
    expect(fatalAttemptsOf({ windowStart: JAN1, attempts: 5, lastError: 'ReportFatalError' })).toBe(
      1,
    );
  });

  it('counts FATAL endings afresh for a window with another start', () => {
    const state: LaneState = {
      watermark: JAN2,
      failure: { windowStart: JAN1, attempts: 2, fatalAttempts: 2, lastError: 'ReportFatalError' },
    };
    expect(
      recordLaneWindowFailure(state, windowRef(JAN2, JAN3), 'ReportFatalError', now, 2),
    ).toMatchObject({ attempts: 1, fatalAttempts: 1, skip: false });
  });

  it('skips a window of data only once it ended FATAL 72 hours or more after its end', () => {
    // Vendor and analytics periods end FATAL while Amazon does not have their data yet.
    const week = {
      ...windowRef('2025-01-05T00:00:00Z', '2025-01-12T00:00:00Z', '2025-01-05T00:00:00Z'),
    };
    const ofData: LaneWindowRef = {
      ...week,
      input: { ...week.input, dataEndTime: '2025-01-11T23:59:59Z' },
    };
    let state: LaneState = { watermark: '2025-01-05T00:00:00Z' };
    const tries = ['2025-01-12T06:00:00Z', '2025-01-12T07:00:00Z', '2025-01-12T08:00:00Z'];
    const early = tries.map((instant) => {
      const result = recordLaneWindowFailure(state, ofData, 'ReportFatalError', at(instant), 3);
      state = result.state;
      return result.skip;
    });
    expect(early).toEqual([false, false, false]);
    expect(
      recordLaneWindowFailure(state, ofData, 'ReportFatalError', at('2025-01-14T23:00:00Z'), 3),
    ).toMatchObject({ fatalAttempts: 4, skip: false });
    expect(
      recordLaneWindowFailure(state, ofData, 'ReportFatalError', at('2025-01-15T00:00:00Z'), 3),
    ).toMatchObject({ fatalAttempts: 4, skip: true });
  });

  it('waits two weeks past the end of an analytics window before its FATALs skip it', () => {
    // Amazon may take a week to fill a period's analytics; a Brand Analytics week stayed FATAL
    // six days and more in 2026.
    const of = (reportType: string): LaneWindowRef => {
      const week = windowRef('2025-01-05T00:00:00Z', '2025-01-12T00:00:00Z');
      return { ...week, input: { ...week.input, reportType, dataEndTime: '2025-01-11T23:59:59Z' } };
    };
    for (const reportType of [
      'GET_VENDOR_SALES_REPORT',
      'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
      'GET_SALES_AND_TRAFFIC_REPORT',
    ]) {
      expect(fatalWindowToSkip(of(reportType), 3, 3, at('2025-01-25T23:59:59Z'))).toBe(false);
      expect(fatalWindowToSkip(of(reportType), 3, 3, at('2025-01-26T00:00:00Z'))).toBe(true);
    }
    // Orders keep the 72 hours.
    const orders = of('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL');
    expect(fatalWindowToSkip(orders, 3, 3, at('2025-01-14T23:59:59Z'))).toBe(false);
    expect(fatalWindowToSkip(orders, 3, 3, at('2025-01-15T00:00:00Z'))).toBe(true);
  });

  it('skips a snapshot window after N FATALs whenever they came', () => {
    // A snapshot is the state when asked: waiting cannot bring a past one back.
    const snapshot = windowRef(JAN1, JAN2);
    expect(fatalWindowToSkip(snapshot, 3, 3, at(JAN2))).toBe(true);
    expect(fatalWindowToSkip(snapshot, 2, 3, at(JAN2))).toBe(false);
  });

  it('never skips a window that failed for another reason', () => {
    const result = recordLaneWindowFailure(
      { watermark: JAN1, failure: { windowStart: JAN1, attempts: 9, lastError: 'X' } },
      windowRef(JAN1, JAN2),
      'LwaInvalidGrantError',
      now,
      3,
    );
    expect(result).toMatchObject({ attempts: 10, fatalAttempts: 0, skip: false });
  });

  it("keeps another run's claim", () => {
    const claim = { executionName: 'other', claimedAt: JAN1 };
    const result = recordLaneWindowFailure(
      { watermark: JAN1, claim },
      windowRef(JAN1, JAN2),
      'E',
      now,
    );
    expect(result.state.claim).toEqual(claim);
  });

  it('starts counting afresh for a window with another start', () => {
    const state: LaneState = { failure: { windowStart: JAN1, attempts: 2, lastError: 'E' } };
    expect(windowAttempt(state, JAN1)).toBe(3);
    expect(windowAttempt(state, JAN2)).toBe(1);
    expect(windowAttempt(undefined, JAN2)).toBe(1);
  });
});
