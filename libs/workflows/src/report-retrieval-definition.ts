import type { State, StateMachineDefinition } from './asl';
import { IngestionOutcome } from './report-ingestion-contract';
import {
  IngestionStateName as I,
  reportIngestionDefinition,
  type ReportIngestionResources,
} from './report-ingestion-definition';

/** The Lambda functions (ARNs) the report retrieval state machine invokes. */
export interface ReportRetrievalResources {
  /** `RetrieveReport`: the ReportRetrievalInput -> RetrieveReportOutput (the ingestion's function). */
  readonly retrieveReportFunctionArn: string;
  /** `RecordFailure`: `{ outcome: 'FAILED', ingestion: <state with error> }`; result ignored. */
  readonly recordOutcomeFunctionArn: string;
}

/** Tunables of the report retrieval state machine. */
export interface ReportRetrievalOptions {
  /** Whole-execution timeout. Default 6 h: one document retrieval with its retries, nothing else. */
  readonly executionTimeoutSeconds?: number;
}

/** State names of the retrieval state machine; the reused ones keep the ingestion's names. */
export const ReportRetrievalStateName = {
  RetrieveReport: I.RetrieveReport,
  StartCrawlers: I.StartCrawlers,
  StartCrawler: I.StartCrawler,
  CrawlerStarted: I.CrawlerStarted,
  CrawlerAlreadyRunning: I.CrawlerAlreadyRunning,
  CrawlerNotStarted: I.CrawlerNotStarted,
  ReportRetrieved: 'ReportRetrieved',
  Done: 'Done',
  RecordFailure: I.RecordFailure,
  RetrievalFailed: 'RetrievalFailed',
} as const;

const S = ReportRetrievalStateName;

// The ingestion definition is built only to take its states; these ARNs never reach the result.
const NOT_USED_BY_RETRIEVAL =
  'arn:aws:lambda:us-east-1:000000000000:function:not-used-by-retrieval';

/**
 * The retrieval of a DONE report nobody waits for (settlements): RetrieveReport -> StartCrawlers ->
 * ReportRetrieved; any error RetrieveReport does not retry away -> RecordFailure -> RetrievalFailed
 * (Fail with the error's name and cause). RetrieveReport (Retry/Catch), the crawler Map and
 * RecordFailure are the ingestion machine's own states, so both retrieve and crawl identically.
 */
export function reportRetrievalDefinition(
  resources: ReportRetrievalResources,
  options: ReportRetrievalOptions = {},
): StateMachineDefinition {
  const ingestionResources: ReportIngestionResources = {
    createReportFunctionArn: NOT_USED_BY_RETRIEVAL,
    registerReportWaiterFunctionArn: NOT_USED_BY_RETRIEVAL,
    getReportStatusFunctionArn: NOT_USED_BY_RETRIEVAL,
    recordFatalFunctionArn: NOT_USED_BY_RETRIEVAL,
    retrieveReportFunctionArn: resources.retrieveReportFunctionArn,
    recordOutcomeFunctionArn: resources.recordOutcomeFunctionArn,
  };
  const ingestion = reportIngestionDefinition(ingestionResources).States;
  const reused = (name: string): State => {
    const found = ingestion[name];
    if (found === undefined) throw new Error(`the ingestion definition has no state ${name}`);
    return found;
  };
  // The ingestion's states lead to its own success and failure states; here they lead to ours.
  const renamed: Readonly<Record<string, string>> = {
    [I.ReportIngested]: S.ReportRetrieved,
    [I.IngestionFailed]: S.RetrievalFailed,
  };
  const retarget = (state: State): State => {
    const next = (name: string) => renamed[name] ?? name;
    return {
      ...state,
      ...(state.Next === undefined ? {} : { Next: next(state.Next) }),
      ...(state.Catch === undefined
        ? {}
        : { Catch: state.Catch.map((catcher) => ({ ...catcher, Next: next(catcher.Next) })) }),
    };
  };

  return {
    Comment: 'spapi-lake report retrieval: a DONE report no ingestion waits for (settlements)',
    StartAt: S.RetrieveReport,
    TimeoutSeconds: options.executionTimeoutSeconds ?? 21_600,
    States: {
      [S.RetrieveReport]: retarget(reused(I.RetrieveReport)),
      [S.StartCrawlers]: retarget(reused(I.StartCrawlers)),
      [S.ReportRetrieved]: {
        Type: 'Pass',
        Parameters: {
          outcome: IngestionOutcome.Done,
          'sellingPartnerId.$': '$.sellingPartnerId',
          'reportType.$': '$.reportType',
          'reportId.$': '$.report.reportId',
          'retrieval.$': '$.retrieval',
          'crawlers.$': '$.crawlers',
        },
        Next: S.Done,
      },
      [S.Done]: { Type: 'Succeed' },
      [S.RecordFailure]: retarget(reused(I.RecordFailure)),
      [S.RetrievalFailed]: reused(I.IngestionFailed),
    },
  };
}
