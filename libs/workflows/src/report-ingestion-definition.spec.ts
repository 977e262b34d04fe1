import type { State } from './asl';
import { TransientErrorName } from './error-names';
import type { ReportIngestionInput } from './report-ingestion-contract';
import {
  IngestionStateName as S,
  reportIngestionDefinition,
  type ReportIngestionOptions,
} from './report-ingestion-definition';
import { FakeIngestionLambdas as FakeLambdas } from './test/fake-ingestion-lambdas';
import { localStateMachine, runLocally, taskError } from './test/run-locally';
import { aslValidationErrors } from './test/validate-definition';
import { expectJitteredBackoff } from './test/retry-expectations';

const fn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:spapi-lake-${name}`;
const resources = {
  createReportFunctionArn: fn('report-creator'),
  registerReportWaiterFunctionArn: fn('report-waiter'),
  getReportStatusFunctionArn: fn('report-status'),
  retrieveReportFunctionArn: fn('report-retriever'),
  recordFatalFunctionArn: fn('report-fatal'),
  recordOutcomeFunctionArn: fn('report-ledger'),
};

const sellerWindow: ReportIngestionInput = {
  sellingPartnerId: 'A1B2C3D4E5F6G7',
  region: 'EU',
  accountType: 'seller',
  reportConfigId: 'orders-daily',
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  marketplaceIds: ['A1PA6795UKMFR9'],
  window: { start: '2025-01-01T00:00:00Z', end: '2025-01-02T00:00:00Z' },
  dataStartTime: '2025-01-01T00:00:00Z',
  dataEndTime: '2025-01-01T23:59:59Z',
  reportOptions: {},
  awaitNotification: true,
  attempt: 1,
};
const vendorWindow: ReportIngestionInput = {
  ...sellerWindow,
  sellingPartnerId: 'amzn1.vg.1234567',
  accountType: 'vendor',
  reportType: 'GET_VENDOR_SALES_REPORT',
  awaitNotification: false,
};

function states(options?: ReportIngestionOptions): Record<string, State> {
  return { ...reportIngestionDefinition(resources, options).States };
}

function state(name: string, options?: ReportIngestionOptions): State {
  const found = states(options)[name];
  if (found === undefined) throw new Error(`no state ${name}`);
  return found;
}

describe('reportIngestionDefinition: structure', () => {
  it('is valid ASL', () => {
    expect(aslValidationErrors(reportIngestionDefinition(resources))).toBe('');
  });

  it('is checked by a validator that does reject broken definitions', () => {
    const definition = reportIngestionDefinition(resources);
    const broken = {
      ...definition,
      States: {
        ...definition.States,
        [S.CreateReport]: { ...state(S.CreateReport), Next: 'Nowhere' },
      },
    };
    expect(aslValidationErrors(broken)).toContain('MISSING_TRANSITION_TARGET');
  });

  it('invokes each Lambda by the ARN it is given', () => {
    const all = states();
    expect(all[S.CreateReport]?.Resource).toBe(resources.createReportFunctionArn);
    expect(all[S.GetReport]?.Resource).toBe(resources.getReportStatusFunctionArn);
    expect(all[S.RetrieveReport]?.Resource).toBe(resources.retrieveReportFunctionArn);
    expect(all[S.RecordFatal]?.Resource).toBe(resources.recordFatalFunctionArn);
    expect(all[S.RecordNoData]?.Resource).toBe(resources.recordOutcomeFunctionArn);
    expect(all[S.RecordFailure]?.Resource).toBe(resources.recordOutcomeFunctionArn);
    expect(all[S.WaitForNotification]).toMatchObject({
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: resources.registerReportWaiterFunctionArn,
        Payload: { 'taskToken.$': '$$.Task.Token', 'reportId.$': '$.report.reportId' },
      },
    });
  });

  it('retries our transient errors and Lambda hiccups with full jitter on every Lambda task', () => {
    const lambdaTasks = [
      S.CreateReport,
      S.GetReport,
      S.RetrieveReport,
      S.RecordFatal,
      S.RecordNoData,
      S.RecordFailure,
    ];
    for (const name of lambdaTasks) {
      const retry = state(name).Retry ?? [];
      const retried = retry.flatMap((retrier) => retrier.ErrorEquals);
      expect({ name, retried }).toEqual({
        name,
        retried: expect.arrayContaining(Object.values(TransientErrorName)),
      });
      expect(retried).toEqual(
        expect.arrayContaining(['Lambda.TooManyRequestsException', 'Lambda.ServiceException']),
      );
      expectJitteredBackoff(retry);
      expect(retried).not.toContain('States.ALL');
    }
  });

  it('sends every other error to a failure state that records the reason', () => {
    for (const name of [S.CreateReport, S.GetReport, S.RetrieveReport]) {
      expect(state(name).Catch).toEqual([
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: S.RecordFailure },
      ]);
    }
    expect(state(S.IngestionFailed)).toEqual({
      Type: 'Fail',
      ErrorPath: '$.error.Error',
      CausePath: '$.error.Cause',
    });
    expect(state(S.ReportFatal)).toEqual({
      Type: 'Fail',
      Error: 'ReportFatalError',
      CausePath: '$.fatal.reason',
    });
  });

  it('waits for the notification with a timeout, then falls back to polling', () => {
    const wait = state(S.WaitForNotification, { notificationTimeoutSeconds: 5400 });
    expect(wait.TimeoutSeconds).toBe(5400);
    expect(wait.Catch?.[0]).toEqual({
      ErrorEquals: ['States.Timeout', 'States.HeartbeatTimeout'],
      ResultPath: '$.notification',
      Next: S.StartPolling,
    });
    expect(state(S.WaitBeforePoll)).toMatchObject({ SecondsPath: '$.status.waitSeconds' });
  });

  it('tolerates a crawler that is already running', () => {
    const crawl = state(S.StartCrawlers).ItemProcessor?.States[S.StartCrawler];
    expect(crawl?.Resource).toBe('arn:aws:states:::aws-sdk:glue:startCrawler');
    expect(crawl?.Catch?.[0]).toMatchObject({
      ErrorEquals: ['Glue.CrawlerRunningException'],
      Next: S.CrawlerAlreadyRunning,
    });
  });
});

describe('reportIngestionDefinition: executed locally', () => {
  // One machine per option set: construction validates the definition, runs are independent.
  const machine = localStateMachine(reportIngestionDefinition(resources));
  const quickTimeout = localStateMachine(
    reportIngestionDefinition(resources, { notificationTimeoutSeconds: 1 }),
  );
  const fewPolls = localStateMachine(reportIngestionDefinition(resources, { maxPolls: 3 }));
  const noWaiting = {
    waitTimeOverrides: { [S.WaitBeforePoll]: 0 },
    retryIntervalOverrides: {
      [S.CreateReport]: 0,
      [S.GetReport]: 0,
      [S.RetrieveReport]: 0,
      [S.RecordFatal]: 0,
      [S.RecordNoData]: 0,
      [S.RecordFailure]: 0,
    },
  };

  it('ingests a DONE report announced by the notification, without polling', async () => {
    const lambdas = new FakeLambdas();
    const run = await runLocally(machine, sellerWindow, {
      handlers: lambdas.handlers(),
      taskToken: 'token-1',
      ...noWaiting,
    });

    expect(run.error).toBeUndefined();
    expect(run.output).toEqual({
      outcome: 'DONE',
      reportId: 'R-1',
      window: sellerWindow.window,
      retrieval: { crawlerNames: ['orders_by_order_date', 'orders_items'], rows: 42 },
      crawlers: [
        { crawlerName: 'orders_by_order_date', outcome: 'STARTED' },
        { crawlerName: 'orders_items', outcome: 'STARTED' },
      ],
    });
    expect(lambdas.calls[S.CreateReport]).toEqual([sellerWindow]);
    expect(lambdas.calls[S.WaitForNotification]?.[0]).toEqual({
      FunctionName: resources.registerReportWaiterFunctionArn,
      Payload: {
        taskToken: 'token-1',
        sellingPartnerId: 'A1B2C3D4E5F6G7',
        region: 'EU',
        reportId: 'R-1',
        reportType: sellerWindow.reportType,
      },
    });
    expect(lambdas.count(S.GetReport)).toBe(0);
    expect(lambdas.calls[S.RetrieveReport]?.[0]).toMatchObject({
      ...sellerWindow,
      report: { reportId: 'R-1' },
      status: { processingStatus: 'DONE', reportDocumentId: 'D-1' },
    });
    expect(lambdas.calls[S.StartCrawler]).toEqual([
      { Name: 'orders_by_order_date' },
      { Name: 'orders_items' },
    ]);
    expect(run.visited).toContain(S.Done);
  });

  it('polls with backoff once the notification times out, then ingests', async () => {
    const lambdas = new FakeLambdas();
    lambdas.notification = 'never';
    lambdas.statuses = ['IN_QUEUE', 'IN_PROGRESS', 'DONE'];
    const run = await runLocally(quickTimeout, sellerWindow, {
      handlers: lambdas.handlers(),
      ...noWaiting,
    });

    expect(run.output).toMatchObject({ outcome: 'DONE', reportId: 'R-1' });
    expect(run.visited.slice(0, 10)).toEqual([
      S.CreateReport,
      S.AwaitNotification,
      S.WaitForNotification,
      S.StartPolling,
      S.GetReport,
      S.ReportStatus,
      S.WaitBeforePoll,
      S.GetReport,
      S.ReportStatus,
      S.WaitBeforePoll,
    ]);
    expect(lambdas.calls[S.GetReport]).toEqual(
      [0, 1, 2].map((pollCount) => ({
        sellingPartnerId: 'A1B2C3D4E5F6G7',
        region: 'EU',
        reportId: 'R-1',
        pollCount,
        maxWaitSeconds: 900,
      })),
    );
    expect(lambdas.calls[S.RetrieveReport]?.[0]).toMatchObject({
      notification: { Error: 'States.Timeout' },
      status: { processingStatus: 'DONE', reportDocumentId: 'D-1', pollCount: 3 },
    });
  });

  it('reads the status of a reused report that is DONE already, instead of waiting on a notification', async () => {
    const lambdas = new FakeLambdas();
    lambdas.reusedDone = true;
    lambdas.notification = 'never';
    const run = await runLocally(quickTimeout, sellerWindow, {
      handlers: lambdas.handlers(),
      ...noWaiting,
    });

    expect(run.output).toMatchObject({ outcome: 'DONE', reportId: 'R-1' });
    expect(run.visited.slice(0, 5)).toEqual([
      S.CreateReport,
      S.AwaitNotification,
      S.StartPolling,
      S.GetReport,
      S.ReportStatus,
    ]);
    expect(lambdas.count(S.WaitForNotification)).toBe(0);
    expect(lambdas.count(S.GetReport)).toBe(1);
    expect(lambdas.calls[S.RetrieveReport]?.[0]).toMatchObject({
      report: { reportId: 'R-1', done: true },
      status: { processingStatus: 'DONE', pollCount: 1 },
    });
  });

  it('polls from the start for an account without notifications (vendors)', async () => {
    const lambdas = new FakeLambdas();
    lambdas.statuses = ['IN_PROGRESS', 'DONE'];
    const run = await runLocally(machine, vendorWindow, {
      handlers: lambdas.handlers(),
      ...noWaiting,
    });

    expect(run.output).toMatchObject({ outcome: 'DONE' });
    expect(run.visited).not.toContain(S.WaitForNotification);
    expect(lambdas.count(S.GetReport)).toBe(2);
  });

  it('polls at once, without retrying, when the waiter registration finds no subscription', async () => {
    const lambdas = new FakeLambdas();
    lambdas.notification = 'never';
    // register-waiter sends SendTaskFailure (error name, message as cause): the task fails with it.
    lambdas.waitForNotificationErrors = [
      taskError(
        'ReportSubscriptionMissingError',
        'No REPORT_PROCESSING_FINISHED subscription is recorded for A1B2C3D4E5F6G7 in EU',
      ),
    ];
    const run = await runLocally(machine, sellerWindow, {
      handlers: lambdas.handlers(),
      ...noWaiting,
      retryIntervalOverrides: { ...noWaiting.retryIntervalOverrides, [S.WaitForNotification]: 0 },
    });

    expect(run.output).toMatchObject({ outcome: 'DONE', reportId: 'R-1' });
    expect(lambdas.count(S.WaitForNotification)).toBe(1);
    expect(run.visited.slice(0, 5)).toEqual([
      S.CreateReport,
      S.AwaitNotification,
      S.WaitForNotification,
      S.StartPolling,
      S.GetReport,
    ]);
    expect(lambdas.calls[S.RetrieveReport]?.[0]).toMatchObject({
      notification: {
        Error: 'ReportSubscriptionMissingError',
        Cause: 'No REPORT_PROCESSING_FINISHED subscription is recorded for A1B2C3D4E5F6G7 in EU',
      },
    });
  });

  it('falls back to polling when the notification carries a status that is not final', async () => {
    const lambdas = new FakeLambdas();
    lambdas.notification = 'IN_PROGRESS';
    const run = await runLocally(machine, sellerWindow, {
      handlers: lambdas.handlers(),
      ...noWaiting,
    });

    expect(run.output).toMatchObject({ outcome: 'DONE' });
    expect(lambdas.calls[S.GetReport]?.[0]).toMatchObject({ pollCount: 0 });
  });

  it('succeeds without data when the report is CANCELLED', async () => {
    const lambdas = new FakeLambdas();
    lambdas.notification = 'CANCELLED';
    const run = await runLocally(machine, sellerWindow, {
      handlers: lambdas.handlers(),
      ...noWaiting,
    });

    expect(run.output).toEqual({
      outcome: 'CANCELLED',
      reportId: 'R-1',
      window: sellerWindow.window,
    });
    expect(lambdas.calls[S.RecordNoData]?.[0]).toMatchObject({
      outcome: 'CANCELLED',
      ingestion: { reportConfigId: 'orders-daily', report: { reportId: 'R-1' } },
    });
    expect(lambdas.count(S.RetrieveReport)).toBe(0);
    expect(run.visited).toContain(S.NoData);
  });

  it('records a FATAL report and fails with ReportFatalError and the reason', async () => {
    const lambdas = new FakeLambdas();
    lambdas.statuses = ['FATAL'];
    const run = await runLocally(machine, vendorWindow, {
      handlers: lambdas.handlers(),
      ...noWaiting,
    });

    expect(run.error).toEqual({
      name: 'ReportFatalError',
      message: 'Requested data is not yet available',
    });
    expect(lambdas.calls[S.RecordFatal]?.[0]).toMatchObject({
      outcome: 'FATAL',
      ingestion: { status: { processingStatus: 'FATAL', reportDocumentId: 'D-1' } },
    });
    expect(lambdas.count(S.RetrieveReport)).toBe(0);
    expect(lambdas.count(S.RecordFailure)).toBe(0);
  });

  it('still fails with ReportFatalError when the error document cannot be recorded', async () => {
    const lambdas = new FakeLambdas();
    lambdas.statuses = ['FATAL'];
    lambdas.recordFatalError = taskError('SpApiAccessDeniedError', 'access denied');
    const run = await runLocally(machine, vendorWindow, {
      handlers: lambdas.handlers(),
      ...noWaiting,
    });

    expect(run.error).toEqual({
      name: 'ReportFatalError',
      message: 'report FATAL; its error document could not be recorded',
    });
  });

  it('tolerates a crawler that is already running, and one that cannot start', async () => {
    const lambdas = new FakeLambdas();
    lambdas.crawlerErrors = {
      orders_by_order_date: taskError('Glue.CrawlerRunningException', 'Crawler is running'),
      orders_items: taskError('Glue.EntityNotFoundException', 'no such crawler'),
    };
    const run = await runLocally(machine, sellerWindow, {
      handlers: lambdas.handlers(),
      ...noWaiting,
    });

    expect(run.output).toMatchObject({
      outcome: 'DONE',
      crawlers: [
        { crawlerName: 'orders_by_order_date', outcome: 'ALREADY_RUNNING' },
        {
          crawlerName: 'orders_items',
          outcome: 'NOT_STARTED',
          error: { Error: 'Glue.EntityNotFoundException', Cause: 'no such crawler' },
        },
      ],
    });
  });

  it('retries a retryable error, then succeeds', async () => {
    const lambdas = new FakeLambdas();
    lambdas.createReportErrors = [
      taskError('SpApiQuotaExceededError', 'createReport throttled'),
      taskError('Lambda.TooManyRequestsException', 'rate exceeded'),
    ];
    lambdas.getReportErrors = [taskError('SpApiServerError', '503')];
    const run = await runLocally(machine, vendorWindow, {
      handlers: lambdas.handlers(),
      ...noWaiting,
    });

    expect(run.output).toMatchObject({ outcome: 'DONE' });
    expect(lambdas.count(S.CreateReport)).toBe(3);
    expect(lambdas.count(S.GetReport)).toBe(2);
  });

  it('retries a report-request store the creator could not read or write at first', async () => {
    const lambdas = new FakeLambdas();
    lambdas.createReportErrors = [
      taskError('StateStoreUnavailableError', 'ProvisionedThroughputExceededException'),
      taskError('StateStoreContentionError', 'changed 5 times in a row'),
      taskError('ConfigParameterUnavailableError', 'GetParameter throttled'),
    ];
    const run = await runLocally(machine, vendorWindow, {
      handlers: lambdas.handlers(),
      ...noWaiting,
    });

    expect(run.output).toMatchObject({ outcome: 'DONE' });
    expect(lambdas.count(S.CreateReport)).toBe(4);
  });

  it('retries a lake the CANCELLED or FAILED outcome could not be written to at first', async () => {
    const cancelled = new FakeLambdas();
    cancelled.notification = 'CANCELLED';
    cancelled.recordOutcomeErrors = [taskError('ObjectStoreUnavailableError', 'S3 503 SlowDown')];
    const empty = await runLocally(machine, sellerWindow, {
      handlers: cancelled.handlers(),
      ...noWaiting,
    });
    expect(empty.output).toMatchObject({ outcome: 'CANCELLED' });
    expect(cancelled.count(S.RecordNoData)).toBe(2);

    const failed = new FakeLambdas();
    failed.getReportErrors = [taskError('SpApiAccessDeniedError', 'role missing')];
    failed.recordOutcomeErrors = [taskError('ObjectStoreUnavailableError', 'S3 503 SlowDown')];
    const run = await runLocally(machine, vendorWindow, {
      handlers: failed.handlers(),
      ...noWaiting,
    });
    expect(run.error).toEqual({ name: 'SpApiAccessDeniedError', message: 'role missing' });
    expect(failed.count(S.RecordFailure)).toBe(2);
  });

  it('retries a throttled token broker on every SP-API task, never a revoked consent', async () => {
    for (const name of [S.CreateReport, S.GetReport, S.RetrieveReport, S.RecordFatal]) {
      const retried = (state(name).Retry ?? []).flatMap((retrier) => retrier.ErrorEquals);
      expect(retried).toContain('TokenBrokerUnavailableError');
      expect(retried).not.toContain('ReauthorizationRequiredError');
      expect(retried).not.toContain('TokenBrokerError');
    }

    const throttled = new FakeLambdas();
    throttled.createReportErrors = [
      taskError('TokenBrokerUnavailableError', 'TokenExchangeUnavailableError: LWA HTTP 429'),
    ];
    throttled.getReportErrors = [taskError('TokenBrokerUnavailableError', 'broker throttled')];
    const recovered = await runLocally(machine, vendorWindow, {
      handlers: throttled.handlers(),
      ...noWaiting,
    });
    expect(recovered.output).toMatchObject({ outcome: 'DONE' });
    expect(throttled.count(S.CreateReport)).toBe(2);
    expect(throttled.count(S.GetReport)).toBe(2);

    const revoked = new FakeLambdas();
    revoked.createReportErrors = [taskError('ReauthorizationRequiredError', 'invalid_grant')];
    const failed = await runLocally(machine, vendorWindow, {
      handlers: revoked.handlers(),
      ...noWaiting,
    });
    expect(failed.error).toEqual({
      name: 'ReauthorizationRequiredError',
      message: 'invalid_grant',
    });
    expect(revoked.count(S.CreateReport)).toBe(1);
  });

  it('records a non-retryable error and fails with its name and cause', async () => {
    const lambdas = new FakeLambdas();
    lambdas.getReportErrors = [taskError('SpApiAccessDeniedError', 'role missing')];
    const run = await runLocally(machine, vendorWindow, {
      handlers: lambdas.handlers(),
      ...noWaiting,
    });

    expect(run.error).toEqual({ name: 'SpApiAccessDeniedError', message: 'role missing' });
    expect(lambdas.count(S.GetReport)).toBe(1);
    expect(lambdas.calls[S.RecordFailure]?.[0]).toMatchObject({
      outcome: 'FAILED',
      ingestion: { error: { Error: 'SpApiAccessDeniedError', Cause: 'role missing' } },
    });
  });

  it('gives up on a retryable error after the last attempt and records it', async () => {
    const lambdas = new FakeLambdas();
    lambdas.createReportErrors = Array.from({ length: 10 }, () =>
      taskError('SpApiServerError', '500'),
    );
    const run = await runLocally(machine, vendorWindow, {
      handlers: lambdas.handlers(),
      ...noWaiting,
    });

    expect(run.error).toEqual({ name: 'SpApiServerError', message: '500' });
    expect(lambdas.count(S.CreateReport)).toBe(6);
    expect(lambdas.count(S.RecordFailure)).toBe(1);
  });

  it('fails with ReportPollingExhaustedError when the report never finishes', async () => {
    const lambdas = new FakeLambdas();
    lambdas.statuses = ['IN_PROGRESS'];
    const run = await runLocally(fewPolls, vendorWindow, {
      handlers: lambdas.handlers(),
      ...noWaiting,
    });

    expect(run.error).toEqual({
      name: 'ReportPollingExhaustedError',
      message: 'report not finished after 3 polls',
    });
    expect(lambdas.count(S.GetReport)).toBe(3);
    expect(lambdas.count(S.RecordFailure)).toBe(1);
  });
});
