import type { Clock } from '@spapi-lake/core';
import { InProcessExecutionResumer } from '../adapters/in-process-execution-resumer';
import { LocalReportWaiterStore } from '../adapters/local-report-waiter-store';
import { LocalSubscriptionDirectory } from '../adapters/local-subscription-directory';
import type { ExecutionResumer } from '../execution-resumer';
import type { ReportOutcome } from '../report-waiter-store';
import { deliverReportOutcome } from './deliver-report-outcome';
import { registerReportWaiter } from './register-report-waiter';

const NOW = Date.parse('2026-11-01T00:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => undefined };
const HOUR = 3_600_000;

const PARTNER_A = 'A3TH9S8BH6GOGM';
const PARTNER_B = 'A1PARTNERB0002';

const waiterInput = (
  reportId: string,
  taskToken = `token-${reportId}`,
  sellingPartnerId = PARTNER_A,
) => ({
  taskToken,
  sellingPartnerId,
  region: 'NA',
  reportId,
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
});
const outcome = (reportId: string, extra: Partial<ReportOutcome> = {}): ReportOutcome => ({
  sellingPartnerId: PARTNER_A,
  reportId,
  processingStatus: 'DONE',
  reportDocumentId: `doc-${reportId}`,
  notificationId: `n-${reportId}`,
  receivedAt: new Date(NOW).toISOString(),
  expiresAt: NOW + HOUR,
  ...extra,
});

async function setup(resumer: ExecutionResumer = new InProcessExecutionResumer()) {
  const waiters = new LocalReportWaiterStore({ clock });
  const directory = new LocalSubscriptionDirectory();
  await directory.record({
    subscriptionId: 'sub-a',
    notificationType: 'REPORT_PROCESSING_FINISHED',
    sellingPartnerId: PARTNER_A,
    region: 'NA',
    destinationId: 'dest-sqs',
  });
  return { waiters, resumer, directory, clock, waiterTtlMs: HOUR };
}

describe('the report waiter protocol', () => {
  it('resumes the waiting task when the waiter registered first', async () => {
    const deps = await setup();
    const resumer = deps.resumer as InProcessExecutionResumer;
    const waiting = resumer.waitFor('token-1');
    await expect(registerReportWaiter(deps, waiterInput('1'))).resolves.toEqual({
      reportId: '1',
      resumedAtOnce: false,
    });
    await expect(deliverReportOutcome(deps, outcome('1'))).resolves.toEqual({
      action: 'resumed',
      sellingPartnerId: PARTNER_A,
      reportId: '1',
    });
    await expect(waiting).resolves.toEqual({ processingStatus: 'DONE', reportDocumentId: 'doc-1' });
    await expect(deps.waiters.waiters()).resolves.toEqual([]);
    // Kept until it expires, for any other execution waiting on the report.
    await expect(deps.waiters.outcomes()).resolves.toEqual([outcome('1')]);
  });

  it('stores an early outcome and sends it the moment the waiter registers', async () => {
    const deps = await setup();
    const resumer = deps.resumer as InProcessExecutionResumer;
    await expect(
      deliverReportOutcome(
        deps,
        outcome('2', { processingStatus: 'CANCELLED', reportDocumentId: undefined }),
      ),
    ).resolves.toEqual({ action: 'outcome-stored', sellingPartnerId: PARTNER_A, reportId: '2' });
    const waiting = resumer.waitFor('token-2');
    await expect(registerReportWaiter(deps, waiterInput('2'))).resolves.toEqual({
      reportId: '2',
      resumedAtOnce: true,
      result: 'resumed',
    });
    await expect(waiting).resolves.toEqual({ processingStatus: 'CANCELLED' });
    await expect(deps.waiters.outcomes()).resolves.toEqual([
      outcome('2', { processingStatus: 'CANCELLED', reportDocumentId: undefined }),
    ]);
    await expect(deps.waiters.waiters()).resolves.toEqual([]);
  });

  it('resumes exactly once however the two sides interleave', async () => {
    const deps = await setup();
    const resumer = deps.resumer as InProcessExecutionResumer;
    for (let i = 0; i < 25; i += 1) {
      const reportId = `race-${i}`;
      const waiting = resumer.waitFor(`token-${reportId}`);
      const sides = [
        () => deliverReportOutcome(deps, outcome(reportId)),
        () => registerReportWaiter(deps, waiterInput(reportId)),
      ];
      if (i % 2 === 1) sides.reverse();
      await Promise.all(sides.map((side) => side()));
      await expect(waiting).resolves.toEqual({
        processingStatus: 'DONE',
        reportDocumentId: `doc-${reportId}`,
      });
    }
    expect(resumer.sent()).toHaveLength(25);
    expect(resumer.sent().every((sent) => sent.result === 'resumed')).toBe(true);
    await expect(deps.waiters.waiters()).resolves.toEqual([]);
  });

  it('reports a waiter whose task stopped waiting as gone, and resumes a later waiter at once', async () => {
    const deps = await setup();
    const resumer = deps.resumer as InProcessExecutionResumer;
    await registerReportWaiter(deps, waiterInput('3'));
    // Nobody calls waitFor: the task timed out and the execution is polling.
    await expect(deliverReportOutcome(deps, outcome('3'))).resolves.toEqual({
      action: 'waiter-gone',
      sellingPartnerId: PARTNER_A,
      reportId: '3',
    });
    // A retry of the window reuses the report and waits on it: the outcome is there already.
    const waiting = resumer.waitFor('token-3-retry');
    await expect(registerReportWaiter(deps, waiterInput('3', 'token-3-retry'))).resolves.toEqual({
      reportId: '3',
      resumedAtOnce: true,
      result: 'resumed',
    });
    await expect(waiting).resolves.toEqual({ processingStatus: 'DONE', reportDocumentId: 'doc-3' });
  });

  it('puts the waiter back when SendTaskSuccess fails, so the redelivery can resume it', async () => {
    const failing: ExecutionResumer = {
      resume: async () => {
        throw new Error('throttled');
      },
      fail: async () => {
        throw new Error('throttled');
      },
    };
    const deps = await setup(failing);
    await registerReportWaiter(deps, waiterInput('4'));
    await expect(deliverReportOutcome(deps, outcome('4'))).rejects.toThrow('throttled');
    const [waiter] = await deps.waiters.waiters();
    expect(waiter).toMatchObject({ reportId: '4', taskToken: 'token-4' });

    const resumer = new InProcessExecutionResumer();
    const waiting = resumer.waitFor('token-4');
    await expect(deliverReportOutcome({ ...deps, resumer }, outcome('4'))).resolves.toEqual({
      action: 'resumed',
      sellingPartnerId: PARTNER_A,
      reportId: '4',
    });
    await expect(waiting).resolves.toEqual({ processingStatus: 'DONE', reportDocumentId: 'doc-4' });
  });

  it('lets a newer registration replace an older one', async () => {
    const deps = await setup();
    const resumer = deps.resumer as InProcessExecutionResumer;
    await registerReportWaiter(deps, waiterInput('5', 'old-token'));
    const waiting = resumer.waitFor('new-token');
    await registerReportWaiter(deps, waiterInput('5', 'new-token'));
    await deliverReportOutcome(deps, outcome('5'));
    await expect(waiting).resolves.toMatchObject({ processingStatus: 'DONE' });
    expect(resumer.sent().map((s) => s.taskToken)).toEqual(['new-token']);
  });

  it("leaves a partner's waiter alone when another partner's report of the same id finishes", async () => {
    const deps = await setup();
    const resumer = deps.resumer as InProcessExecutionResumer;
    const waitingA = resumer.waitFor('token-a');
    await registerReportWaiter(deps, waiterInput('777', 'token-a', PARTNER_A));
    const cancelledForB = outcome('777', {
      sellingPartnerId: PARTNER_B,
      processingStatus: 'CANCELLED',
      reportDocumentId: undefined,
    });
    await expect(deliverReportOutcome(deps, cancelledForB)).resolves.toEqual({
      action: 'outcome-stored',
      sellingPartnerId: PARTNER_B,
      reportId: '777',
    });
    expect(resumer.sent()).toEqual([]);
    await expect(deps.waiters.waiters()).resolves.toEqual([
      expect.objectContaining({ sellingPartnerId: PARTNER_A, reportId: '777' }),
    ]);

    await expect(deliverReportOutcome(deps, outcome('777'))).resolves.toEqual({
      action: 'resumed',
      sellingPartnerId: PARTNER_A,
      reportId: '777',
    });
    await expect(waitingA).resolves.toEqual({
      processingStatus: 'DONE',
      reportDocumentId: 'doc-777',
    });
    expect(resumer.sent().map((sent) => sent.taskToken)).toEqual(['token-a']);
  });

  it("never sends a partner's waiter the early outcome another partner's report left", async () => {
    const deps = await setup();
    const resumer = deps.resumer as InProcessExecutionResumer;
    await deliverReportOutcome(deps, outcome('778', { sellingPartnerId: PARTNER_B }));
    await expect(registerReportWaiter(deps, waiterInput('778', 'token-a'))).resolves.toEqual({
      reportId: '778',
      resumedAtOnce: false,
    });
    expect(resumer.sent()).toEqual([]);
  });

  it('fails the task of a partner without a subscription and leaves no waiter to resume', async () => {
    const deps = await setup();
    const resumer = deps.resumer as InProcessExecutionResumer;
    const waiting = resumer.waitFor('token-b');
    const failed = waiting.catch((error: unknown) => error);
    await expect(
      registerReportWaiter(deps, waiterInput('779', 'token-b', PARTNER_B)),
    ).resolves.toEqual({
      reportId: '779',
      resumedAtOnce: false,
      subscriptionMissing: true,
      result: 'resumed',
    });
    await expect(failed).resolves.toMatchObject({ name: 'ReportSubscriptionMissingError' });
    await expect(deps.waiters.waiters()).resolves.toEqual([]);

    // The report's notification, should one come, finds nobody waiting: its outcome just stays.
    await expect(
      deliverReportOutcome(deps, outcome('779', { sellingPartnerId: PARTNER_B })),
    ).resolves.toEqual({ action: 'outcome-stored', sellingPartnerId: PARTNER_B, reportId: '779' });
    expect(resumer.sent().map((sent) => sent.kind)).toEqual(['failure']);
  });
});
