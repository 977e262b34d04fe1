import { randomUUID } from 'node:crypto';
import type { Clock } from '@spapi-lake/core';
import { parseReportManifest } from '@spapi-lake/lake';
import { retrievalExecutionName } from '@spapi-lake/notification-subscriber-handlers';
import {
  CatalogRefreshStateName,
  FanOutStateName,
  IngestionStateName,
  type StateMachineDefinition,
  catalogRefreshDefinition,
  fanOutDefinition,
  reportRetrievalDefinition,
  nextPollDelaySeconds,
  reportIngestionDefinition,
} from '@spapi-lake/workflows';
import { LocalExecutions } from '../engine/local-executions';
import type { LocalExecutionResult } from '../engine/local-state-machine';
import {
  type DefinitionShape,
  LocalStateMachine,
  type TaskHandler,
} from '../engine/local-state-machine';
import type { LocalFunctions } from './local-functions';
import type { RunProgress } from './run-progress';
import { withLocalRetryPauses } from './local-retry-pauses';
import { asRecord, field, numberField, stringField } from './task-input-fields';
import { waitForNotification } from './wait-for-notification';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const functionArn = (name: string) =>
  `arn:aws:lambda:${REGION}:${ACCOUNT}:function:spapi-lake-${name}`;

/** ARN of the local ingestion state machine (execution ARNs derive from it). */
export const LOCAL_INGESTION_STATE_MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:spapi-lake-report-ingestion`;

/** ARN of the local catalog refresh state machine. */
export const LOCAL_CATALOG_REFRESH_STATE_MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:spapi-lake-catalog-refresh`;

/** ARN of the local report retrieval state machine (Amazon-generated reports). */
export const LOCAL_RETRIEVAL_STATE_MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:spapi-lake-report-retrieval`;

/** The state machines of libs/workflows, exactly as infra deploys them, with local resources. */
export function localDefinitions(): {
  readonly ingestion: StateMachineDefinition;
  readonly fanOut: StateMachineDefinition;
  readonly retrieval: StateMachineDefinition;
  readonly catalogRefresh: DefinitionShape;
} {
  return {
    retrieval: reportRetrievalDefinition({
      retrieveReportFunctionArn: functionArn('retrieve-report'),
      recordOutcomeFunctionArn: functionArn('record-outcome'),
    }),
    catalogRefresh: catalogRefreshDefinition({
      planRefreshFunctionArn: functionArn('plan-catalog-refresh'),
      fetchListingsFunctionArn: functionArn('fetch-listings'),
      planCatalogFunctionArn: functionArn('plan-catalog-chunks'),
      fetchCatalogChunkFunctionArn: functionArn('fetch-catalog-chunk'),
      finishRefreshFunctionArn: functionArn('finish-catalog-refresh'),
    }),
    ingestion: reportIngestionDefinition({
      createReportFunctionArn: functionArn('create-report'),
      registerReportWaiterFunctionArn: functionArn('register-waiter'),
      getReportStatusFunctionArn: functionArn('get-report-status'),
      retrieveReportFunctionArn: functionArn('retrieve-report'),
      recordFatalFunctionArn: functionArn('record-fatal'),
      recordOutcomeFunctionArn: functionArn('record-outcome'),
    }),
    fanOut: fanOutDefinition({
      planWindowsFunctionArn: functionArn('plan-windows'),
      claimWindowFunctionArn: functionArn('claim-window'),
      completeWindowFunctionArn: functionArn('complete-window'),
      recordWindowFailureFunctionArn: functionArn('record-window-failure'),
      ingestionStateMachineArn: LOCAL_INGESTION_STATE_MACHINE_ARN,
    }),
  };
}

/** What the local workflows run on. */
export interface LocalWorkflowsOptions {
  readonly functions: LocalFunctions;
  readonly clock: Clock;
  /** Simulated runs: true moves simulated time through Wait and Retry pauses. */
  readonly simulatedTime: boolean;
  readonly executions: LocalExecutions;
  readonly progress: RunProgress;
  /** Datasets whose (local) Glue crawler was started: the catalog registers their views. */
  readonly crawled: Set<string>;
}

/** The state machines, wired to the local functions. */
export interface LocalWorkflows {
  /** Runs one fan-out execution (what EventBridge Scheduler starts) to its end. */
  runFanOut(request: Record<string, unknown>): ReturnType<LocalStateMachine['execute']>;
  /**
   * Runs one catalog refresh execution under `executionName` (deterministic per partner and day):
   * `already-done` when an execution of that name exists, as StartExecution refuses it.
   */
  runCatalogRefresh(
    request: Record<string, unknown>,
    executionName: string,
  ): Promise<LocalExecutionResult | 'already-done'>;
  /**
   * The retrieval execution the notification consumer starts for a DONE report nobody waits for
   * (named by `retrievalExecutionName`, per partner and report, or the settlement sweep's name of
   * a later attempt): `already-done` when an execution of that name exists (a duplicate
   * notification started it before).
   */
  runRetrieval(
    input: { readonly sellingPartnerId: string; readonly report: { readonly reportId: string } },
    executionName?: string,
  ): Promise<LocalExecutionResult | 'already-done'>;
}

/**
 * Builds the two state machines of libs/workflows with every Task answered in process: Lambda
 * Tasks by the handler factories, `WaitForNotification` by waiting on the in-process task-token
 * registry the notification consumer resumes (with the state's TimeoutSeconds in simulated time),
 * `IngestWindow`/`DescribeIngestion`/`DescribeClaimHolder` by local executions, `StartCrawler` by the local catalog.
 */
export function createLocalWorkflows(options: LocalWorkflowsOptions): LocalWorkflows {
  const { functions, clock, progress } = options;
  const definitions = localDefinitions();
  const creator = functions.reportCreator;
  const retriever = functions.reportRetriever;
  const subscriber = functions.notificationSubscriber;
  const I = IngestionStateName;
  const F = FanOutStateName;

  const ingestionHandlers: Record<string, TaskHandler> = {
    [I.CreateReport]: async (input) => {
      const result = await creator.createReport(input);
      progress.add({ reportsCreated: 1 });
      return result;
    },
    [I.WaitForNotification]: (input) =>
      waitForNotification(subscriber, clock, input, waitTimeoutMs(definitions.ingestion)),
    [I.GetReport]: async (input) => {
      // The Wait state before this poll took no wall time: its simulated seconds pass here.
      const pollCount = numberField(input, 'pollCount');
      if (options.simulatedTime && pollCount > 0) {
        const seconds = nextPollDelaySeconds(pollCount, numberField(input, 'maxWaitSeconds'));
        await clock.sleep(seconds * 1000);
      }
      return retriever.getReportStatus(input);
    },
    [I.RetrieveReport]: async (input) => {
      const output = await retriever.retrieveReport(input);
      const manifest = parseReportManifest(
        (await functions.retrieverDependencies.store.getObject(output.manifestKey)).toString(
          'utf8',
        ),
      );
      progress.add({
        reportsDone: 1,
        rows: output.rows,
        quarantinedRows: output.quarantinedRows,
        rawBytes: manifest.rawBytes,
      });
      return output;
    },
    [I.StartCrawler]: (input) => {
      const name = stringField(input, 'Name');
      options.crawled.add(name);
      return {};
    },
    [I.RecordFatal]: async (input) => {
      const result = await retriever.recordFatal(input);
      progress.add({ reportsFatal: 1 });
      return result;
    },
    [I.RecordNoData]: async (input) => {
      const result = await retriever.recordOutcome(input);
      progress.add({ reportsCancelled: 1 });
      return result;
    },
    [I.RecordFailure]: (input) => retriever.recordOutcome(input),
  };
  const ingestion = new LocalStateMachine(
    definitions.ingestion,
    withLocalRetryPauses(definitions.ingestion, ingestionHandlers, options),
  );

  const fanOutHandlers: Record<string, TaskHandler> = {
    [F.PlanWindows]: (input) => creator.planWindows(input),
    [F.ClaimWindow]: (input) => creator.claimWindow(input),
    [F.TakeOverClaim]: (input) => creator.claimWindow(input),
    [F.CompleteWindow]: (input) => creator.completeWindow(input),
    [F.RecordWindowFailure]: (input) => creator.recordWindowFailure(input),
    [F.IngestWindow]: async (input) => {
      const name = stringField(input, 'Name');
      const stateMachineArn = stringField(input, 'StateMachineArn');
      const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
      const childInput = field(input, 'Input');
      return options.executions.startSync(executionArn, name, childInput, async () => {
        progress.add({ executionsStarted: 1 });
        const result = await ingestion.execute(childInput, {
          taskToken: `${name}:${randomUUID()}`,
        });
        progress.add(
          result.status === 'SUCCEEDED' ? { executionsSucceeded: 1 } : { executionsFailed: 1 },
        );
        return result;
      });
    },
    [F.DescribeIngestion]: (input) =>
      options.executions.describe(stringField(input, 'ExecutionArn')),
    [F.DescribeClaimHolder]: (input) =>
      options.executions.describe(stringField(input, 'ExecutionArn')),
  };
  const fanOut = new LocalStateMachine(
    definitions.fanOut,
    withLocalRetryPauses(definitions.fanOut, fanOutHandlers, options),
  );

  const fetcher = functions.catalogListingsFetcher.taskResourceLocalHandlers;
  const catalogHandlers: Record<string, TaskHandler> = {
    ...fetcher,
    [CatalogRefreshStateName.StartCrawler]: (input) => {
      options.crawled.add(stringField(input, 'Name'));
      return {};
    },
  };
  const catalogRefresh = new LocalStateMachine(
    definitions.catalogRefresh,
    withLocalRetryPauses(definitions.catalogRefresh, catalogHandlers, options),
    { objects: functions.catalogListingsFetcher.itemReaderObjects },
  );

  const retrievalHandlers: Record<string, TaskHandler> = {
    [I.RetrieveReport]: async (input) => ingestionHandlers[I.RetrieveReport]?.(input),
    [I.StartCrawler]: ingestionHandlers[I.StartCrawler] ?? (() => ({})),
    [I.RecordFailure]: (input) => retriever.recordOutcome(input),
  };
  const retrieval = new LocalStateMachine(
    definitions.retrieval,
    withLocalRetryPauses(definitions.retrieval, retrievalHandlers, options),
  );

  // A named execution, idempotent by name as StartExecution is.
  const runNamed = async (
    stateMachineArn: string,
    executionName: string,
    input: unknown,
    run: () => Promise<LocalExecutionResult>,
  ): Promise<LocalExecutionResult | 'already-done'> => {
    const arn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
    try {
      const answer = await options.executions.startSync(arn, executionName, input, run);
      return { status: 'SUCCEEDED', output: answer.Output };
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      if (error.name === 'StepFunctions.ExecutionAlreadyExistsException') return 'already-done';
      if (error.name !== 'States.TaskFailed') throw error;
      const described = asRecord(JSON.parse(error.message));
      return {
        status: 'FAILED',
        error: String(described['Error']),
        cause: String(described['Cause']),
      };
    }
  };

  return {
    runFanOut: (request) => fanOut.execute(request, { taskToken: `fan-out:${randomUUID()}` }),
    runCatalogRefresh: (request, executionName) =>
      runNamed(LOCAL_CATALOG_REFRESH_STATE_MACHINE_ARN, executionName, request, () =>
        catalogRefresh.execute(request, { executionName }),
      ),
    runRetrieval: (input, name) => {
      const executionName =
        name ??
        retrievalExecutionName({
          sellingPartnerId: input.sellingPartnerId,
          reportId: input.report.reportId,
        });
      return runNamed(LOCAL_RETRIEVAL_STATE_MACHINE_ARN, executionName, input, () =>
        retrieval.execute(input, { executionName }),
      );
    },
  };
}

// TimeoutSeconds of WaitForNotification, applied in simulated time by the override above.
function waitTimeoutMs(definition: StateMachineDefinition): number {
  const state = definition.States[IngestionStateName.WaitForNotification];
  return (state?.TimeoutSeconds ?? 7_200) * 1000;
}
