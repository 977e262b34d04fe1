import type { State } from './asl';
import { IngestionStateName, reportIngestionDefinition } from './report-ingestion-definition';
import type { ReportRetrievalInput } from './report-retrieval-contract';
import {
  ReportRetrievalStateName as S,
  reportRetrievalDefinition,
} from './report-retrieval-definition';
import { spApiTaskRetry } from './retry-policies';
import { type LocalHandler, localStateMachine, runLocally, taskError } from './test/run-locally';
import { aslValidationErrors } from './test/validate-definition';

const fn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:spapi-lake-${name}`;
const resources = {
  retrieveReportFunctionArn: fn('retrieve-report'),
  recordOutcomeFunctionArn: fn('record-outcome'),
};

// What the notification consumer's SfnRetrievalStarter sends for a DONE settlement report.
const settlement: ReportRetrievalInput = {
  sellingPartnerId: 'A1B2C3D4E5F6G7',
  region: 'EU',
  reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
  report: { reportId: '51234019876' },
  status: { processingStatus: 'DONE', reportDocumentId: 'amzn1.tortuga.4.eu.D-1' },
  notificationId: 'b4f7c1a2-9d2e-4c1b-8a5e-0f3c2d1e6a7b',
};

function state(name: string): State {
  const found = reportRetrievalDefinition(resources).States[name];
  if (found === undefined) throw new Error(`no state ${name}`);
  return found;
}

describe('reportRetrievalDefinition: structure', () => {
  const ingestion = reportIngestionDefinition({
    createReportFunctionArn: fn('create-report'),
    registerReportWaiterFunctionArn: fn('register-waiter'),
    getReportStatusFunctionArn: fn('get-report-status'),
    recordFatalFunctionArn: fn('record-fatal'),
    ...resources,
  }).States;

  it('is valid ASL', () => {
    expect(aslValidationErrors(reportRetrievalDefinition(resources))).toBe('');
  });

  it('has exactly the retrieval states, starting with RetrieveReport', () => {
    const definition = reportRetrievalDefinition(resources);
    expect(definition.StartAt).toBe(S.RetrieveReport);
    expect(Object.keys(definition.States).sort()).toEqual(
      [
        S.RetrieveReport,
        S.StartCrawlers,
        S.ReportRetrieved,
        S.Done,
        S.RecordFailure,
        S.RetrievalFailed,
      ].sort(),
    );
    expect(definition.TimeoutSeconds).toBe(21_600);
    expect(reportRetrievalDefinition(resources, { executionTimeoutSeconds: 600 })).toMatchObject({
      TimeoutSeconds: 600,
    });
  });

  it('retrieves with the ingestion machine’s own RetrieveReport state, Retry and Catch', () => {
    expect(state(S.RetrieveReport)).toEqual(ingestion[IngestionStateName.RetrieveReport]);
    expect(state(S.RetrieveReport)).toMatchObject({
      Resource: resources.retrieveReportFunctionArn,
      ResultPath: '$.retrieval',
      Retry: spApiTaskRetry,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: S.RecordFailure }],
      Next: S.StartCrawlers,
    });
  });

  it('starts crawlers with the ingestion’s Map, tolerating a running crawler', () => {
    expect(state(S.StartCrawlers)).toEqual({
      ...ingestion[IngestionStateName.StartCrawlers],
      Next: S.ReportRetrieved,
    });
    expect(state(S.StartCrawlers).ItemProcessor?.States[S.StartCrawler]?.Catch?.[0]).toEqual({
      ErrorEquals: ['Glue.CrawlerRunningException'],
      ResultPath: null,
      Next: S.CrawlerAlreadyRunning,
    });
  });

  it('records a failure, then fails with the error’s name and cause even if recording fails', () => {
    expect(state(S.RecordFailure)).toMatchObject({
      Resource: resources.recordOutcomeFunctionArn,
      Parameters: { outcome: 'FAILED', 'ingestion.$': '$' },
      Retry: spApiTaskRetry,
      Catch: [
        { ErrorEquals: ['States.ALL'], ResultPath: '$.recordError', Next: S.RetrievalFailed },
      ],
      Next: S.RetrievalFailed,
    });
    expect(state(S.RetrievalFailed)).toEqual({
      Type: 'Fail',
      ErrorPath: '$.error.Error',
      CausePath: '$.error.Cause',
    });
  });

  it('invokes only the two functions it is given', () => {
    const json = JSON.stringify(reportRetrievalDefinition(resources));
    const lambdaArns = [...json.matchAll(/arn:aws:lambda:[^"]+/g)].map((match) => match[0]);
    expect([...new Set(lambdaArns)].sort()).toEqual(
      [resources.recordOutcomeFunctionArn, resources.retrieveReportFunctionArn].sort(),
    );
  });
});

/** Stand-ins for the retrieval's Lambdas and the Glue integration, recording their inputs. */
class FakeRetrievalTasks {
  readonly calls: Record<string, Record<string, unknown>[]> = {};
  retrieveErrors: Error[] = [];
  recordFailureError: Error | undefined;
  crawlerErrors: Record<string, Error> = {};

  handlers(): Record<string, LocalHandler> {
    return {
      [S.RetrieveReport]: (input) => {
        this.record(S.RetrieveReport, input);
        const error = this.retrieveErrors.shift();
        if (error) throw error;
        return { crawlerNames: ['spapi-lake-settlements'], rows: 1234, quarantinedRows: 0 };
      },
      [S.StartCrawler]: (input) => {
        this.record(S.StartCrawler, input);
        const error = this.crawlerErrors[String(input['Name'])];
        if (error) throw error;
        return {};
      },
      [S.RecordFailure]: (input) => {
        this.record(S.RecordFailure, input);
        if (this.recordFailureError) throw this.recordFailureError;
        return { outcome: 'FAILED', written: true };
      },
    };
  }

  private record(name: string, input: Record<string, unknown>): void {
    (this.calls[name] ??= []).push(input);
  }

  count(name: string): number {
    return this.calls[name]?.length ?? 0;
  }
}

describe('reportRetrievalDefinition: executed locally', () => {
  const machine = localStateMachine(reportRetrievalDefinition(resources));
  const run = (tasks: FakeRetrievalTasks) =>
    runLocally(machine, settlement, {
      handlers: tasks.handlers(),
      retryIntervalOverrides: { [S.RetrieveReport]: 0, [S.RecordFailure]: 0, [S.StartCrawler]: 0 },
    });

  it('retrieves the report the notification announced and starts its crawlers', async () => {
    const tasks = new FakeRetrievalTasks();
    const result = await run(tasks);

    expect(result.error).toBeUndefined();
    expect(result.output).toEqual({
      outcome: 'DONE',
      sellingPartnerId: settlement.sellingPartnerId,
      reportType: settlement.reportType,
      reportId: settlement.report.reportId,
      retrieval: { crawlerNames: ['spapi-lake-settlements'], rows: 1234, quarantinedRows: 0 },
      crawlers: [{ crawlerName: 'spapi-lake-settlements', outcome: 'STARTED' }],
    });
    // RetrieveReport gets the execution input as it is: report and status where the ingestion has them.
    expect(tasks.calls[S.RetrieveReport]).toEqual([settlement]);
    expect(tasks.calls[S.StartCrawler]).toEqual([{ Name: 'spapi-lake-settlements' }]);
    expect(tasks.count(S.RecordFailure)).toBe(0);
    expect(result.visited).toEqual([
      S.RetrieveReport,
      S.StartCrawlers,
      S.StartCrawler,
      S.CrawlerStarted,
      S.ReportRetrieved,
      S.Done,
    ]);
  });

  it('succeeds when the crawler is already running or cannot start: the data is in the lake', async () => {
    const tasks = new FakeRetrievalTasks();
    tasks.crawlerErrors = {
      'spapi-lake-settlements': taskError('Glue.CrawlerRunningException', 'Crawler is running'),
    };
    expect((await run(tasks)).output).toMatchObject({
      crawlers: [{ crawlerName: 'spapi-lake-settlements', outcome: 'ALREADY_RUNNING' }],
    });

    const missing = new FakeRetrievalTasks();
    missing.crawlerErrors = {
      'spapi-lake-settlements': taskError('Glue.EntityNotFoundException', 'no such crawler'),
    };
    expect((await run(missing)).output).toMatchObject({
      outcome: 'DONE',
      crawlers: [{ crawlerName: 'spapi-lake-settlements', outcome: 'NOT_STARTED' }],
    });
  });

  it('retries throttling, expired document URLs and Lambda hiccups, then succeeds', async () => {
    const tasks = new FakeRetrievalTasks();
    tasks.retrieveErrors = [
      taskError('SpApiQuotaExceededError', 'getReportDocument throttled'),
      taskError('ReportDocumentExpiredError', 'pre-signed URL expired'),
      taskError('Lambda.ServiceException', 'service error'),
    ];
    const result = await run(tasks);

    expect(result.output).toMatchObject({ outcome: 'DONE' });
    expect(tasks.count(S.RetrieveReport)).toBe(4);
  });

  it('retries a throttled token broker, but not a revoked consent', async () => {
    const throttled = new FakeRetrievalTasks();
    throttled.retrieveErrors = [
      taskError('TokenBrokerUnavailableError', 'TokenExchangeUnavailableError: LWA HTTP 503'),
    ];
    expect((await run(throttled)).output).toMatchObject({ outcome: 'DONE' });
    expect(throttled.count(S.RetrieveReport)).toBe(2);

    const revoked = new FakeRetrievalTasks();
    revoked.retrieveErrors = [taskError('ReauthorizationRequiredError', 'invalid_grant')];
    expect((await run(revoked)).error).toEqual({
      name: 'ReauthorizationRequiredError',
      message: 'invalid_grant',
    });
    expect(revoked.count(S.RetrieveReport)).toBe(1);
  });

  it('records an error it does not retry and fails with its name and cause', async () => {
    const tasks = new FakeRetrievalTasks();
    tasks.retrieveErrors = [taskError('TaskInputInvalidError', 'RetrieveReport: window missing')];
    const result = await run(tasks);

    expect(result.error).toEqual({
      name: 'TaskInputInvalidError',
      message: 'RetrieveReport: window missing',
    });
    expect(tasks.count(S.RetrieveReport)).toBe(1);
    expect(tasks.calls[S.RecordFailure]).toEqual([
      {
        outcome: 'FAILED',
        ingestion: {
          ...settlement,
          error: { Error: 'TaskInputInvalidError', Cause: 'RetrieveReport: window missing' },
        },
      },
    ]);
    expect(tasks.count(S.StartCrawler)).toBe(0);
    expect(result.visited.slice(-2)).toEqual([S.RecordFailure, S.RetrievalFailed]);
  });

  it('gives up after the last retry of a transient error and records it', async () => {
    const tasks = new FakeRetrievalTasks();
    tasks.retrieveErrors = Array.from({ length: 10 }, () =>
      taskError('ReportDocumentTruncatedError', 'stream ended early'),
    );
    const result = await run(tasks);

    expect(result.error).toEqual({
      name: 'ReportDocumentTruncatedError',
      message: 'stream ended early',
    });
    // reportDocumentRetrier: the first attempt and 4 retries.
    expect(tasks.count(S.RetrieveReport)).toBe(5);
    expect(tasks.count(S.RecordFailure)).toBe(1);
  });

  it('still fails with the original error when the failure cannot be recorded', async () => {
    const tasks = new FakeRetrievalTasks();
    tasks.retrieveErrors = [taskError('SpApiAccessDeniedError', 'role missing')];
    tasks.recordFailureError = taskError('ObjectStoreUnavailableError', 'S3 down');
    const result = await run(tasks);

    expect(result.error).toEqual({ name: 'SpApiAccessDeniedError', message: 'role missing' });
    // The lake write is retried first (reportDocumentRetrier: the first attempt and 4 retries).
    expect(tasks.count(S.RecordFailure)).toBe(5);
  });
});
