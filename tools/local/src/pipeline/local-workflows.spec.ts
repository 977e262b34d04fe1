import type { Clock } from '@spapi-lake/core';
import {
  DEFAULT_WAITER_TTL_MS,
  InProcessExecutionResumer,
  LocalReportWaiterStore,
  LocalSubscriptionDirectory,
  createRegisterWaiterHandler,
} from '@spapi-lake/notification-subscriber-handlers';
import { IngestionStateName as S } from '@spapi-lake/workflows';
import { LocalStateMachine, type TaskHandler } from '../engine/local-state-machine';
import { localDefinitions } from './local-workflows';
import { waitForNotification } from './wait-for-notification';

const NOW = Date.parse('2026-11-01T00:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => undefined };
const PARTNER = 'A1B2C3D4E5F6G7';
const window = {
  sellingPartnerId: PARTNER,
  region: 'EU',
  accountType: 'seller',
  reportConfigId: 'orders-daily',
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  marketplaceIds: ['A1PA6795UKMFR9'],
  window: { start: '2026-10-30T00:00:00Z', end: '2026-10-31T00:00:00Z' },
  dataStartTime: '2026-10-30T00:00:00Z',
  dataEndTime: '2026-10-30T23:59:59Z',
  reportOptions: {},
  awaitNotification: true,
  attempt: 1,
};

/** The real register-waiter handler over in-memory adapters, and the ingestion machine on it. */
function ingestion() {
  const resumer = new InProcessExecutionResumer();
  const waiters = new LocalReportWaiterStore({ clock });
  const directory = new LocalSubscriptionDirectory();
  const warnings: string[] = [];
  const registerWaiter = createRegisterWaiterHandler({
    waiters,
    resumer,
    directory,
    clock,
    waiterTtlMs: DEFAULT_WAITER_TTL_MS,
    logger: {
      info: () => undefined,
      warn: (message: string) => warnings.push(message),
      error: () => undefined,
    },
  });
  const calls: Record<string, unknown[]> = {};
  const recorded =
    (name: string, answer: (input: unknown) => unknown): TaskHandler =>
    (input) => {
      (calls[name] ??= []).push(input);
      return answer(input);
    };
  const handlers: Record<string, TaskHandler> = {
    [S.CreateReport]: recorded(S.CreateReport, () => ({ reportId: 'R-1' })),
    [S.WaitForNotification]: (input) =>
      waitForNotification(
        {
          resumer,
          // A macrotask passes between the SendTaskFailure and the race (file-backed stores can make
          // one pass): the failure must still reach the Catch.
          registerWaiter: async (event) => {
            const registration = await registerWaiter(event);
            await new Promise((resolve) => setImmediate(resolve));
            return registration;
          },
        },
        clock,
        input,
        7_200_000,
      ),
    [S.GetReport]: recorded(S.GetReport, () => ({
      processingStatus: 'DONE',
      reportDocumentId: 'D-1',
      pollCount: 1,
      waitSeconds: 30,
    })),
    [S.RetrieveReport]: recorded(S.RetrieveReport, () => ({ crawlerNames: [] })),
    [S.StartCrawler]: () => ({}),
    [S.RecordFatal]: recorded(S.RecordFatal, () => ({ reason: 'unexpected' })),
    [S.RecordNoData]: recorded(S.RecordNoData, () => ({})),
    [S.RecordFailure]: recorded(S.RecordFailure, () => ({})),
  };
  const machine = new LocalStateMachine(localDefinitions().ingestion, handlers);
  return { machine, resumer, waiters, directory, warnings, calls };
}

describe('waitForNotification (the local WaitForNotification)', () => {
  it('turns the SendTaskFailure of a partner without a subscription into the Catch that polls', async () => {
    const { machine, resumer, waiters, warnings, calls } = ingestion();
    const visited: string[] = [];
    const run = await machine.execute(window, {
      taskToken: 'token-1',
      onStateEntered: (name) => visited.push(name),
    });

    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { outcome: 'DONE' } });
    expect(visited.slice(0, 5)).toEqual([
      S.CreateReport,
      S.AwaitNotification,
      S.WaitForNotification,
      S.StartPolling,
      S.GetReport,
    ]);
    expect(calls[S.RetrieveReport]?.[0]).toMatchObject({
      notification: {
        Error: 'ReportSubscriptionMissingError',
        Cause: `No REPORT_PROCESSING_FINISHED subscription is recorded for ${PARTNER} in EU: the ingestion polls (run setupSubscriptions)`,
      },
    });
    expect(resumer.sent()).toEqual([
      expect.objectContaining({ kind: 'failure', taskToken: 'token-1', result: 'resumed' }),
    ]);
    await expect(waiters.waiters()).resolves.toEqual([]);
    expect(warnings).toEqual(['no report subscription to wait on: the ingestion polls']);
  });

  it('answers with the status SendTaskSuccess sends, without polling', async () => {
    const { machine, directory, waiters, calls } = ingestion();
    await directory.record({
      subscriptionId: 'sub-1',
      notificationType: 'REPORT_PROCESSING_FINISHED',
      sellingPartnerId: PARTNER,
      region: 'EU',
      destinationId: 'dest-sqs',
    });
    // The notification came first: registerWaiter sends its outcome at once.
    await waiters.putOutcome({
      sellingPartnerId: PARTNER,
      reportId: 'R-1',
      processingStatus: 'DONE',
      reportDocumentId: 'D-9',
      notificationId: 'n-1',
      receivedAt: new Date(NOW).toISOString(),
      expiresAt: NOW + 3_600_000,
    });

    const run = await machine.execute(window, { taskToken: 'token-2' });

    expect(run).toMatchObject({ status: 'SUCCEEDED', output: { outcome: 'DONE' } });
    expect(calls[S.GetReport]).toBeUndefined();
    expect(calls[S.RetrieveReport]?.[0]).toMatchObject({
      status: { processingStatus: 'DONE', reportDocumentId: 'D-9' },
    });
  });
});
