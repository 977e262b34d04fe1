import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type FanOutWindow,
  type LaneRef,
  WatermarkConflictError,
  laneKey,
} from '@spapi-lake/workflows';
import { StateStoreContentionError } from '../errors';
import type { LaneStateStore } from '../lane-state-store';
import { LocalFileLaneStateStore } from '../local-file-lane-state-store';
import { FixedClock } from '../test/fixed-clock';
import { claimWindow } from './claim-window';
import { completeWindow } from './complete-window';
import { readModifyWrite } from './read-modify-write';
import { recordWindowFailure } from './record-window-failure';

const DE = 'A1PA6795UKMFR9';
const lane: LaneRef = {
  key: laneKey('A1SELLER', 'EU', 'orders-daily', DE),
  sellingPartnerId: 'A1SELLER',
  region: 'EU',
  reportConfigId: 'orders-daily',
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  marketplaceId: DE,
};

function window(start: string, end: string, previousWatermark?: string, attempt = 1): FanOutWindow {
  const executionName = `orders-daily-${DE}-${start.slice(0, 10).replaceAll('-', '')}-a${attempt}`;
  return {
    executionName,
    executionArn: `arn:aws:states:eu-west-1:123456789012:execution:ingestion:${executionName}`,
    ...(previousWatermark === undefined ? {} : { previousWatermark }),
    input: {
      sellingPartnerId: 'A1SELLER',
      region: 'EU',
      accountType: 'seller',
      reportConfigId: 'orders-daily',
      reportType: lane.reportType,
      marketplaceIds: [DE],
      window: { start, end },
      dataStartTime: start,
      dataEndTime: end.replace('T00:00:00Z', 'T23:59:59Z'),
      reportOptions: {},
      awaitNotification: true,
      attempt,
    },
  };
}

const day1 = window('2026-10-29T00:00:00Z', '2026-10-30T00:00:00Z');
const longerThanDay1 = (): FanOutWindow => {
  const longer = window(day1.input.window.start, '2026-10-31T00:00:00Z');
  const executionName = `${longer.executionName}-longer`;
  return { ...longer, executionName, executionArn: `${longer.executionArn}-longer` };
};
const day2 = window('2026-10-30T00:00:00Z', '2026-10-31T00:00:00Z', '2026-10-30T00:00:00Z');
/** How IngestWindow reports a child ingestion execution that failed with `error`. */
function childFailure(error: string, cause: string) {
  return {
    Error: 'States.TaskFailed',
    Cause: JSON.stringify({ Status: 'FAILED', Error: error, Cause: cause }),
  };
}
const fatal = childFailure('ReportFatalError', 'Requested data is not yet available');

let directory: string;
let lanes: LaneStateStore;
const clock = new FixedClock(Date.parse('2026-11-01T01:00:00Z'));
// 72 hours after the end of the windows these tests fail: FATAL endings may skip them.
const afterFatalGrace = new FixedClock(Date.parse('2026-11-03T00:00:00Z'));

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'lane-transitions-'));
  lanes = new LocalFileLaneStateStore(path.join(directory, 'lane-states.json'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe('claimWindow', () => {
  it('claims a lane never run, and lets the same execution claim again', async () => {
    await expect(claimWindow({ lanes, clock }, { lane, window: day1 })).resolves.toEqual({
      claimed: true,
    });
    await expect(claimWindow({ lanes, clock }, { lane, window: day1 })).resolves.toEqual({
      claimed: true,
    });
    await expect(lanes.get(lane.key)).resolves.toMatchObject({
      value: { claim: { executionName: day1.executionName, claimedAt: '2026-11-01T01:00:00Z' } },
    });
  });

  it('refuses a stale plan and another run’s live claim, naming its holder', async () => {
    await expect(claimWindow({ lanes, clock }, { lane, window: day2 })).resolves.toEqual({
      claimed: false,
      reason: 'stale-plan',
    });
    await claimWindow({ lanes, clock }, { lane, window: day1 });
    const otherRun = { ...day1, executionName: 'other-try' };
    await expect(claimWindow({ lanes, clock }, { lane, window: otherRun })).resolves.toEqual({
      claimed: false,
      reason: 'claimed-by-another-run',
      holder: day1.executionArn,
    });
  });

  it('takes over the claim of the holder named, once described as no longer running', async () => {
    await claimWindow({ lanes, clock }, { lane, window: day1 });
    // A later plan of the lane: same start, a day longer, so another execution name.
    const nextTry = longerThanDay1();
    const takeOver = (executionArn: string, status: string) => ({
      lane,
      window: nextTry,
      takeOver: { executionArn, status },
    });

    await expect(
      claimWindow({ lanes, clock }, takeOver(day1.executionArn, 'RUNNING')),
    ).resolves.toMatchObject({ claimed: false, reason: 'claimed-by-another-run' });
    await expect(
      claimWindow({ lanes, clock }, takeOver('arn:of:another:holder', 'FAILED')),
    ).resolves.toMatchObject({ claimed: false, holder: day1.executionArn });
    await expect(
      claimWindow({ lanes, clock }, takeOver(day1.executionArn, 'FAILED')),
    ).resolves.toEqual({ claimed: true });
    await expect(lanes.get(lane.key)).resolves.toMatchObject({
      value: {
        claim: {
          executionName: nextTry.executionName,
          executionArn: nextTry.executionArn,
          windowEnd: '2026-10-31T00:00:00Z',
        },
      },
    });
  });

  it("stores a succeeded holder's window as completed when it overlaps the new one", async () => {
    await claimWindow({ lanes, clock }, { lane, window: day1 });
    const longer = longerThanDay1();
    const takeOver = { executionArn: day1.executionArn, status: 'SUCCEEDED' };
    await expect(
      claimWindow({ lanes, clock }, { lane, window: longer, takeOver }),
    ).resolves.toEqual({ claimed: false, reason: 'holder-window-completed' });
    await expect(lanes.get(lane.key)).resolves.toMatchObject({
      value: { watermark: '2026-10-30T00:00:00Z' },
    });
  });

  it('reads a claim stored without its holder, and keeps it for the TTL', async () => {
    await lanes.put(
      lane.key,
      { claim: { executionName: 'older-try', claimedAt: '2026-11-01T00:00:00Z' } },
      undefined,
    );
    const takeOver = { executionArn: 'arn:of:older-try', status: 'FAILED' };
    await expect(claimWindow({ lanes, clock }, { lane, window: day1, takeOver })).resolves.toEqual({
      claimed: false,
      reason: 'claimed-by-another-run',
    });
    const later = new FixedClock(Date.parse('2026-11-03T00:00:00Z'));
    await expect(claimWindow({ lanes, clock: later }, { lane, window: day1 })).resolves.toEqual({
      claimed: true,
    });
  });

  it('gives the window to exactly one of two runs claiming at once', async () => {
    const results = await Promise.all([
      claimWindow({ lanes, clock }, { lane, window: { ...day1, executionName: 'run-a' } }),
      claimWindow({ lanes, clock }, { lane, window: { ...day1, executionName: 'run-b' } }),
    ]);
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
    expect(results.filter((r) => !r.claimed)).toEqual([
      { claimed: false, reason: 'claimed-by-another-run', holder: day1.executionArn },
    ]);
  });
});

describe('completeWindow', () => {
  it('moves the watermark window by window and tolerates a repeated completion', async () => {
    const result = { outcome: 'SUCCEEDED' as const };
    await claimWindow({ lanes, clock }, { lane, window: day1 });
    await expect(completeWindow({ lanes }, { lane, window: day1, result })).resolves.toEqual({
      watermark: '2026-10-30T00:00:00Z',
    });
    await expect(lanes.get(lane.key)).resolves.toEqual({
      value: { watermark: '2026-10-30T00:00:00Z' },
      version: 2,
    });
    await expect(completeWindow({ lanes }, { lane, window: day1, result })).resolves.toEqual({
      watermark: '2026-10-30T00:00:00Z',
    });
    await expect(completeWindow({ lanes }, { lane, window: day2, result })).resolves.toEqual({
      watermark: '2026-10-31T00:00:00Z',
    });
  });

  it('refuses to complete a window that would leave a gap', async () => {
    const result = { outcome: 'SUCCEEDED' as const };
    await expect(completeWindow({ lanes }, { lane, window: day2, result })).rejects.toBeInstanceOf(
      WatermarkConflictError,
    );
    await expect(lanes.get(lane.key)).resolves.toBeUndefined();
  });
});

describe('recordWindowFailure', () => {
  it('counts each FATAL try, releases the claim and skips on the third', async () => {
    for (const attempt of [1, 2, 3]) {
      const tryOf = window(day1.input.window.start, day1.input.window.end, undefined, attempt);
      await claimWindow({ lanes, clock }, { lane, window: tryOf });
      const recorded = await recordWindowFailure(
        { lanes, clock: afterFatalGrace },
        { lane, window: tryOf, failure: fatal, maxFatalAttempts: 3 },
      );
      expect(recorded).toEqual({
        skip: attempt === 3,
        outcome: attempt === 3 ? 'SKIPPED' : 'BLOCKED',
        errorName: 'ReportFatalError',
        attempts: attempt,
        reason: 'Requested data is not yet available',
      });
    }
    await expect(lanes.get(lane.key)).resolves.toMatchObject({
      value: {
        failure: {
          windowStart: '2026-10-29T00:00:00Z',
          attempts: 3,
          fatalAttempts: 3,
          lastError: 'ReportFatalError',
        },
      },
    });
  });

  it('blocks a window of data ending FATAL until 72 hours after its end, then skips it', async () => {
    const soon = new FixedClock(Date.parse('2026-10-30T06:00:00Z'));
    const outcomes = [];
    for (const attempt of [1, 2, 3, 4]) {
      const tryOf = window(day1.input.window.start, day1.input.window.end, undefined, attempt);
      if (attempt === 4) soon.advance(66 * 3_600_000);
      const recorded = await recordWindowFailure(
        { lanes, clock: soon },
        { lane, window: tryOf, failure: fatal, maxFatalAttempts: 3 },
      );
      outcomes.push(recorded.outcome);
      soon.advance(3_600_000);
    }
    expect(outcomes).toEqual(['BLOCKED', 'BLOCKED', 'BLOCKED', 'SKIPPED']);
  });

  it('skips on the third FATAL try, not counting the failures of other kinds before it', async () => {
    const serverError = childFailure('SpApiServerError', 'HTTP 503');
    const outcomes = [];
    for (const [attempt, failure] of [serverError, serverError, fatal, fatal, fatal].entries()) {
      const tryOf = window(day1.input.window.start, day1.input.window.end, undefined, attempt + 1);
      const recorded = await recordWindowFailure(
        { lanes, clock: afterFatalGrace },
        { lane, window: tryOf, failure, maxFatalAttempts: 3 },
      );
      outcomes.push([recorded.attempts, recorded.skip]);
    }
    expect(outcomes).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, true],
    ]);
  });

  it('counts a failure stored before FATAL tries were counted apart as one FATAL at most', async () => {
    await lanes.put(
      lane.key,
      {
        failure: {
          windowStart: '2026-10-29T00:00:00Z',
          attempts: 2,
          lastError: 'SpApiServerError',
        },
      },
      undefined,
    );
    const third = window(day1.input.window.start, day1.input.window.end, undefined, 3);
    await expect(
      recordWindowFailure(
        { lanes, clock: afterFatalGrace },
        { lane, window: third, failure: fatal, maxFatalAttempts: 3 },
      ),
    ).resolves.toMatchObject({ skip: false, outcome: 'BLOCKED', attempts: 3 });
    await expect(lanes.get(lane.key)).resolves.toMatchObject({
      value: { failure: { attempts: 3, fatalAttempts: 1, lastError: 'ReportFatalError' } },
    });
  });

  it('answers a retried call of the deciding FATAL try with the same skip', async () => {
    const input = { lane, window: day1, failure: fatal, maxFatalAttempts: 1 };
    const first = await recordWindowFailure({ lanes, clock: afterFatalGrace }, input);
    const retried = await recordWindowFailure({ lanes, clock: afterFatalGrace }, input);
    expect(first).toMatchObject({ skip: true, attempts: 1 });
    expect(retried).toEqual(first);
  });

  it('never skips another failure, and counts a retried call only once', async () => {
    const input = {
      lane,
      window: day1,
      failure: {
        Error: 'SpApiAccessDeniedError',
        Cause: '{"errorMessage":"createReport failed with HTTP 403"}',
      },
      maxFatalAttempts: 1,
    };
    const first = await recordWindowFailure({ lanes, clock: afterFatalGrace }, input);
    const retried = await recordWindowFailure({ lanes, clock: afterFatalGrace }, input);
    expect(first).toEqual({ ...retried, skip: false, outcome: 'BLOCKED', attempts: 1 });
    expect((await lanes.get(lane.key))?.version).toBe(1);
  });

  it('leaves the lane alone when the failed window is no longer its next one', async () => {
    await completeWindow({ lanes }, { lane, window: day1, result: { outcome: 'SUCCEEDED' } });
    await expect(
      recordWindowFailure(
        { lanes, clock: afterFatalGrace },
        { lane, window: day1, failure: fatal, maxFatalAttempts: 1 },
      ),
    ).resolves.toMatchObject({ skip: false, outcome: 'BLOCKED' });
    await expect(lanes.get(lane.key)).resolves.toEqual({
      value: { watermark: '2026-10-30T00:00:00Z' },
      version: 1,
    });
  });
});

describe('readModifyWrite', () => {
  it('gives up with a retryable error when every write is overtaken', async () => {
    const alwaysOvertaken: LaneStateStore = {
      ...lanes,
      get: async () => ({ value: {}, version: 1 }),
      put: async () => false,
      getMany: async () => new Map(),
    };
    await expect(
      readModifyWrite(alwaysOvertaken, lane.key, () => ({
        value: { watermark: '2026-10-30T00:00:00Z' },
        result: 1,
      })),
    ).rejects.toBeInstanceOf(StateStoreContentionError);
  });
});
