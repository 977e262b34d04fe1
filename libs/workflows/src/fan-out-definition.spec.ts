import type { Account, ReportConfig } from '@spapi-lake/config';
import { reportConfigAppliesTo } from '@spapi-lake/config';
import { reportTypeDefinition } from '@spapi-lake/reports';
import { childExecutionError } from './child-execution-error';
import type {
  ClaimWindowInput,
  CompleteWindowInput,
  FanOutLane,
  LaneRef,
  LaneRunSummary,
  PlanFanOutInput,
  RecordWindowFailureInput,
} from './fan-out-contract';
import { FanOutStateName as S, fanOutDefinition, type FanOutOptions } from './fan-out-definition';
import { ingestionExecutionArn } from './ingestion-execution';
import {
  claimLaneWindow,
  completeLaneWindow,
  recordLaneWindowFailure,
  type LaneState,
} from './lane-state';
import { planLanes } from './plan-lanes';
import { planningTime } from './planning-time';
import type { ReportIngestionInput, TaskError } from './report-ingestion-contract';
import { reportIngestionDefinition } from './report-ingestion-definition';
import { FakeIngestionLambdas } from './test/fake-ingestion-lambdas';
import { DE, FR, account, at, reportConfig } from './test/fixtures';
import {
  contractHandler,
  localStateMachine,
  runLocally,
  startExecutionSync,
  taskError,
  type LocalHandler,
} from './test/run-locally';
import { aslValidationErrors } from './test/validate-definition';
import { expectJitteredBackoff } from './test/retry-expectations';

const fn = (name: string) => `arn:aws:lambda:eu-west-1:123456789012:function:spapi-lake-${name}`;
const INGESTION = 'arn:aws:states:eu-west-1:123456789012:stateMachine:spapi-lake-report-ingestion';
const resources = {
  planWindowsFunctionArn: fn('plan-windows'),
  claimWindowFunctionArn: fn('claim-window'),
  completeWindowFunctionArn: fn('complete-window'),
  recordWindowFailureFunctionArn: fn('record-window-failure'),
  ingestionStateMachineArn: INGESTION,
};
const ORDERS = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
const LISTINGS = 'GET_MERCHANT_LISTINGS_ALL_DATA';

describe('fanOutDefinition: structure', () => {
  it('is valid ASL', () => {
    expect(aslValidationErrors(fanOutDefinition(resources))).toBe('');
  });

  it('plans with the execution start time and runs lanes with the configured concurrency', () => {
    const definition = fanOutDefinition(resources, { maxConcurrency: 7 });
    expect(definition.States[S.PlanWindows]).toMatchObject({
      Resource: resources.planWindowsFunctionArn,
      Parameters: {
        'now.$': '$$.Execution.StartTime',
        ingestionStateMachineArn: INGESTION,
        'request.$': '$',
      },
    });
    expect(definition.States[S.RunLanes]?.MaxConcurrency).toBe(7);
  });

  it('starts each ingestion by its deterministic name and waits for it', () => {
    const lane = fanOutDefinition(resources).States[S.RunLanes]?.ItemProcessor?.States ?? {};
    expect(lane[S.IngestWindow]).toMatchObject({
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Parameters: {
        StateMachineArn: INGESTION,
        'Name.$': '$.window.executionName',
        'Input.$': '$.window.input',
      },
      Catch: [
        {
          ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException'],
          Next: S.DescribeIngestion,
        },
        { ErrorEquals: ['States.ALL'], Next: S.RecordWindowFailure },
      ],
    });
    expect(lane[S.RecordWindowFailure]?.Parameters).toMatchObject({ maxFatalAttempts: 3 });
  });

  it('describes the holder of a refused claim and claims once more only if it no longer runs', () => {
    const lane = fanOutDefinition(resources).States[S.RunLanes]?.ItemProcessor?.States ?? {};
    expect(lane[S.WindowClaimed]?.Choices).toEqual([
      { Variable: '$.claim.claimed', BooleanEquals: true, Next: S.IngestWindow },
      { Variable: '$.claim.holder', IsPresent: true, Next: S.DescribeClaimHolder },
    ]);
    expect(lane[S.DescribeClaimHolder]).toMatchObject({
      Resource: 'arn:aws:states:::aws-sdk:sfn:describeExecution',
      Parameters: { 'ExecutionArn.$': '$.claim.holder' },
      ResultSelector: { 'Status.$': '$.Status' },
      Catch: [
        { ErrorEquals: ['Sfn.ExecutionDoesNotExistException'], Next: S.ClaimHolderNotStarted },
        { ErrorEquals: ['States.ALL'], Next: S.LaneBlocked },
      ],
      Next: S.ClaimHolderStatus,
    });
    expect(lane[S.ClaimHolderNotStarted]).toMatchObject({
      Result: { Status: 'NOT_STARTED' },
      Next: S.TakeOverClaim,
    });
    expect(lane[S.ClaimHolderStatus]).toMatchObject({
      Choices: [
        { StringEquals: 'RUNNING', Next: S.LaneBusy },
        { StringEquals: 'PENDING_REDRIVE', Next: S.LaneBusy },
      ],
      Default: S.TakeOverClaim,
    });
    expect(lane[S.TakeOverClaim]).toMatchObject({
      Resource: resources.claimWindowFunctionArn,
      Parameters: {
        'lane.$': '$.lane',
        'window.$': '$.window',
        takeOver: { 'executionArn.$': '$.claim.holder', 'status.$': '$.holder.Status' },
      },
      ResultPath: '$.claim',
      Next: S.ClaimTakenOver,
    });
    // One takeover at most: a refusal after it ends the lane, holder or not.
    expect(lane[S.ClaimTakenOver]).toMatchObject({
      Choices: [{ Variable: '$.claim.claimed', BooleanEquals: true, Next: S.IngestWindow }],
      Default: S.LaneNotClaimed,
    });
  });

  it('retries the store and configuration errors its Lambdas declare retryable, with backoff', () => {
    const definition = fanOutDefinition(resources);
    const lane = definition.States[S.RunLanes]?.ItemProcessor?.States ?? {};
    const tasks = {
      [S.PlanWindows]: definition.States[S.PlanWindows],
      [S.ClaimWindow]: lane[S.ClaimWindow],
      [S.TakeOverClaim]: lane[S.TakeOverClaim],
      [S.RecordWindowFailure]: lane[S.RecordWindowFailure],
      [S.CompleteWindow]: lane[S.CompleteWindow],
    };
    for (const [name, task] of Object.entries(tasks)) {
      const retry = task?.Retry ?? [];
      const retried = retry.flatMap((retrier) => retrier.ErrorEquals);
      expect({ name, retried }).toEqual({
        name,
        retried: expect.arrayContaining([
          'StateStoreUnavailableError',
          'StateStoreContentionError',
          'ConfigParameterUnavailableError',
          'Lambda.ServiceException',
        ]),
      });
      expect(retried).not.toContain('States.ALL');
      expect(retried).not.toContain('StateStoreRequestError');
      expectJitteredBackoff(retry);
    }
  });
});

interface Execution {
  readonly arn: string;
  readonly input: ReportIngestionInput;
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  readonly error?: TaskError;
}

/** Lane store, ingestion executions and the lake's windows, with the Lambdas over them. */
class FanOutWorld {
  readonly laneStates = new Map<string, LaneState>();
  readonly executions = new Map<string, Execution>();
  /** Windows whose data reached the lake, per lane key. */
  readonly ingested = new Map<string, string[][]>();
  readonly startedNames: string[] = [];
  /** How the ingestion of a window ends: undefined = DONE, else the error it fails with. */
  failWith: (input: ReportIngestionInput) => TaskError | undefined = () => undefined;
  claimWindowErrors: Error[] = [];
  completeWindowErrors: Error[] = [];
  now = at('2025-01-01');

  constructor(
    readonly accounts: readonly Account[],
    readonly configs: readonly ReportConfig[],
  ) {}

  handlers(
    ingestWindow: LocalHandler = contractHandler((input: StartIngestion) =>
      this.ingestWindow(input),
    ),
  ): Record<string, LocalHandler> {
    return {
      [S.PlanWindows]: contractHandler((input: PlanFanOutInput) => this.plan(input)),
      [S.ClaimWindow]: contractHandler((input: ClaimWindowInput) => this.claim(input)),
      [S.TakeOverClaim]: contractHandler((input: ClaimWindowInput) => this.claim(input)),
      [S.IngestWindow]: ingestWindow,
      [S.DescribeIngestion]: contractHandler((input: DescribeInput) => this.describe(input)),
      [S.DescribeClaimHolder]: contractHandler((input: DescribeInput) => this.describe(input)),
      [S.RecordWindowFailure]: contractHandler((input: RecordWindowFailureInput) => {
        const { errorName } = childExecutionError(input.failure);
        const result = recordLaneWindowFailure(
          this.state(input.lane),
          input.window,
          errorName,
          this.now,
          input.maxFatalAttempts,
        );
        this.laneStates.set(input.lane.key, result.state);
        return {
          skip: result.skip,
          outcome: result.skip ? 'SKIPPED' : 'BLOCKED',
          errorName,
          attempts: result.attempts,
        };
      }),
      [S.CompleteWindow]: contractHandler(({ lane, window }: CompleteWindowInput) => {
        const error = this.completeWindowErrors.shift();
        if (error) throw error;
        const next = completeLaneWindow(this.state(lane), window);
        this.laneStates.set(lane.key, next);
        return { watermark: next.watermark };
      }),
    };
  }

  private claim({ lane, window, takeOver }: ClaimWindowInput): unknown {
    const error = this.claimWindowErrors.shift();
    if (error) throw error;
    const result = claimLaneWindow(this.state(lane), window, this.now, undefined, takeOver);
    if (result.state) this.laneStates.set(lane.key, result.state);
    if (result.claimed) return { claimed: true };
    const holder = result.holder === undefined ? {} : { holder: result.holder };
    return { claimed: false, reason: result.reason, ...holder };
  }

  /** Stand-in for aws-sdk:sfn:describeExecution. */
  private describe({ ExecutionArn }: DescribeInput): unknown {
    const execution = this.executions.get(ExecutionArn);
    if (!execution) throw taskError('Sfn.ExecutionDoesNotExistException');
    return {
      ExecutionArn: execution.arn,
      Status: execution.status,
      Input: JSON.stringify(execution.input),
      ...execution.error,
    };
  }

  /** Stand-in for startExecution.sync:2 with Step Functions' name rules. */
  private ingestWindow({ Name: name, StateMachineArn, Input: ingestion }: StartIngestion): unknown {
    const arn = ingestionExecutionArn(StateMachineArn, name);
    if (this.executions.has(arn)) {
      throw taskError(
        'StepFunctions.ExecutionAlreadyExistsException',
        `Execution Already Exists: '${arn}'`,
      );
    }
    this.startedNames.push(name);
    const error = this.failWith(ingestion);
    if (error) {
      this.executions.set(arn, { arn, input: ingestion, status: 'FAILED', error });
      const description = { ExecutionArn: arn, Status: 'FAILED', ...error };
      throw taskError('States.TaskFailed', JSON.stringify(description));
    }
    this.executions.set(arn, { arn, input: ingestion, status: 'SUCCEEDED' });
    this.recordIngested(ingestion);
    return {
      ExecutionArn: arn,
      Status: 'SUCCEEDED',
      Output: { outcome: 'DONE', window: ingestion.window },
    };
  }

  recordIngested(ingestion: ReportIngestionInput): void {
    const key = [
      ingestion.sellingPartnerId,
      ingestion.region,
      ingestion.reportConfigId,
      ingestion.marketplaceIds[0],
    ].join('#');
    const windows = this.ingested.get(key) ?? [];
    this.ingested.set(key, [...windows, [ingestion.window.start, ingestion.window.end]]);
  }

  plan(input: PlanFanOutInput): { lanes: FanOutLane[] } {
    const lanes = this.accounts.flatMap((account) =>
      this.configs
        .filter((config) => reportConfigAppliesTo(config, account))
        .map((config) =>
          planLanes({
            account,
            reportConfig: config,
            definition: reportTypeDefinition(config.reportType),
            laneState: (key) => this.laneStates.get(key),
            now: planningTime(input),
            ingestionStateMachineArn: input.ingestionStateMachineArn,
          }),
        )
        .flatMap((plan) => plan.lanes),
    );
    return { lanes };
  }

  state(lane: LaneRef): LaneState {
    return this.laneStates.get(lane.key) ?? {};
  }

  watermark(marketplaceId: string): string | undefined {
    for (const [key, state] of this.laneStates)
      if (key.endsWith(`#${marketplaceId}`)) return state.watermark;
    return undefined;
  }
}

/** What DescribeIngestion and DescribeClaimHolder hand to describeExecution. */
interface DescribeInput {
  readonly ExecutionArn: string;
}

/** What IngestWindow's Parameters hand to startExecution.sync:2. */
interface StartIngestion {
  readonly StateMachineArn: string;
  readonly Name: string;
  readonly Input: ReportIngestionInput;
}

/** Every lane's ingested windows follow each other exactly, from `start`. */
function expectContiguous(
  windows: readonly string[][] | undefined,
  start: string,
  end: string,
): void {
  expect(windows?.[0]?.[0]).toBe(start);
  windows?.slice(1).forEach((window, index) => expect(window[0]).toBe(windows[index]?.[1]));
  expect(windows?.at(-1)?.[1]).toBe(end);
}

describe('fanOutDefinition: executed locally', () => {
  const machine = (options?: FanOutOptions) =>
    localStateMachine(fanOutDefinition(resources, options));
  const fanOut = machine();
  const noRetryWaits = {
    retryIntervalOverrides: {
      [S.IngestWindow]: 0,
      [S.CompleteWindow]: 0,
      [S.ClaimWindow]: 0,
      [S.TakeOverClaim]: 0,
      [S.RecordWindowFailure]: 0,
    },
  };

  async function runDaily(world: FanOutWorld, days: readonly string[], options = {}) {
    const summaries: LaneRunSummary[][] = [];
    for (const day of days) {
      world.now = at(`${day}T02:00:00Z`);
      const run = await runLocally(
        fanOut,
        { scheduledTime: `${day}T02:00:00Z` },
        {
          handlers: world.handlers(),
          ...noRetryWaits,
          ...options,
        },
      );
      expect(run.error).toBeUndefined();
      summaries.push(run.output as LaneRunSummary[]);
    }
    return summaries;
  }

  it('advances every lane over consecutive runs without gap or overlap', async () => {
    const world = new FanOutWorld(
      [account({ marketplaceIds: [DE, FR] })],
      [reportConfig({ id: 'orders', reportType: ORDERS, startDate: '2024-12-10' })],
    );
    const summaries = await runDaily(world, [
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-04',
    ]);

    expect(
      summaries.map((run) =>
        run.map((lane) => [lane.lane.marketplaceId, lane.status, lane.windowsCompleted]),
      ),
    ).toEqual([
      [
        [DE, 'COMPLETED', 10],
        [FR, 'COMPLETED', 10],
      ],
      [
        [DE, 'COMPLETED', 10],
        [FR, 'COMPLETED', 10],
      ],
      [
        [DE, 'COMPLETED', 4],
        [FR, 'COMPLETED', 4],
      ],
      [
        [DE, 'COMPLETED', 1],
        [FR, 'COMPLETED', 1],
      ],
    ]);
    for (const marketplaceId of [DE, FR]) {
      expectContiguous(
        world.ingested.get(`A1B2C3D4E5F6G7#EU#orders#${marketplaceId}`),
        '2024-12-10T00:00:00Z',
        '2025-01-04T00:00:00Z',
      );
      expect(world.watermark(marketplaceId)).toBe('2025-01-04T00:00:00Z');
    }
  });

  it('stops a lane at a failed window, retries it next run, and skips it after N FATALs 72 h past its end', async () => {
    const world = new FanOutWorld(
      [account({ marketplaceIds: [DE, FR] })],
      [reportConfig({ id: 'orders', reportType: ORDERS, startDate: '2024-12-28' })],
    );
    world.failWith = (input) =>
      input.marketplaceIds[0] === DE && input.window.start === '2024-12-30T00:00:00Z'
        ? { Error: 'ReportFatalError', Cause: 'Requested data is not yet available' }
        : undefined;
    const summaries = await runDaily(world, ['2025-01-01', '2025-01-02', '2025-01-03']);

    // The third FATAL comes on 2025-01-03 at 02:00, 74 h after the window's end: it skips.
    expect(summaries.map((run) => run.map((lane) => lane.status))).toEqual([
      ['BLOCKED', 'COMPLETED'],
      ['BLOCKED', 'COMPLETED'],
      ['COMPLETED', 'COMPLETED'],
    ]);
    // The lane never ingested past the failing window until it was skipped.
    expect(world.ingested.get(`A1B2C3D4E5F6G7#EU#orders#${DE}`)).toEqual([
      ['2024-12-28T00:00:00Z', '2024-12-29T00:00:00Z'],
      ['2024-12-29T00:00:00Z', '2024-12-30T00:00:00Z'],
      ['2024-12-31T00:00:00Z', '2025-01-01T00:00:00Z'],
      ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'],
      ['2025-01-02T00:00:00Z', '2025-01-03T00:00:00Z'],
    ]);
    expect(world.startedNames.filter((name) => name.includes(`${DE}-20241230`))).toEqual([
      expect.stringContaining('-a1-'),
      expect.stringContaining('-a2-'),
      expect.stringContaining('-a3-'),
    ]);
    expectContiguous(
      world.ingested.get(`A1B2C3D4E5F6G7#EU#orders#${FR}`),
      '2024-12-28T00:00:00Z',
      '2025-01-03T00:00:00Z',
    );
    expect(world.watermark(DE)).toBe('2025-01-03T00:00:00Z');
  });

  it('never skips a window that failed for another reason than FATAL', async () => {
    const world = new FanOutWorld(
      [account()],
      [reportConfig({ id: 'orders', reportType: ORDERS, startDate: '2024-12-30' })],
    );
    world.failWith = () => ({ Error: 'LwaInvalidGrantError', Cause: 'refresh token revoked' });
    const summaries = await runDaily(world, [
      '2025-01-01',
      '2025-01-02',
      '2025-01-03',
      '2025-01-04',
    ]);

    expect(summaries.map((run) => run[0]?.status)).toEqual([
      'BLOCKED',
      'BLOCKED',
      'BLOCKED',
      'BLOCKED',
    ]);
    expect(world.laneStates.get(`A1B2C3D4E5F6G7#EU#orders#${DE}`)).toEqual({
      failure: {
        windowStart: '2024-12-30T00:00:00Z',
        attempts: 4,
        fatalAttempts: 0,
        lastError: 'LwaInvalidGrantError',
      },
    });
    expect(world.ingested.size).toBe(0);
  });

  it('adopts an ingestion that finished when its run could not record it, instead of ingesting again', async () => {
    const world = new FanOutWorld(
      [account()],
      [reportConfig({ id: 'orders', reportType: ORDERS, startDate: '2024-12-31' })],
    );
    world.completeWindowErrors = [taskError('LedgerUnavailableError', 'table unavailable')];
    const [first, second] = await runDaily(world, ['2025-01-01', '2025-01-02']);

    expect(first?.[0]).toMatchObject({ status: 'BLOCKED', windowsCompleted: 0 });
    expect(second?.[0]).toMatchObject({ status: 'COMPLETED', windowsCompleted: 2 });
    expect(world.ingested.get(`A1B2C3D4E5F6G7#EU#orders#${DE}`)).toEqual([
      ['2024-12-31T00:00:00Z', '2025-01-01T00:00:00Z'],
      ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'],
    ]);
    expect(world.watermark(DE)).toBe('2025-01-02T00:00:00Z');
  });

  it('retries a claim and a completion the lane store could not write at first', async () => {
    const world = new FanOutWorld(
      [account()],
      [reportConfig({ id: 'orders', reportType: ORDERS, startDate: '2024-12-31' })],
    );
    world.claimWindowErrors = [taskError('StateStoreContentionError', 'changed 5 times in a row')];
    world.completeWindowErrors = [
      taskError('StateStoreUnavailableError', 'ProvisionedThroughputExceededException'),
    ];
    const [summary] = await runDaily(world, ['2025-01-01']);

    expect(summary?.[0]).toMatchObject({ status: 'COMPLETED', windowsCompleted: 1 });
    expect(world.watermark(DE)).toBe('2025-01-01T00:00:00Z');
    expect(world.startedNames).toHaveLength(1);
  });

  it('leaves a lane alone while an execution of the same name still runs', async () => {
    const world = new FanOutWorld(
      [account()],
      [reportConfig({ id: 'orders', reportType: ORDERS, startDate: '2024-12-31' })],
    );
    const [lane] = world.plan({
      now: '2025-01-01T02:00:00Z',
      ingestionStateMachineArn: INGESTION,
      request: {},
    }).lanes;
    const window = lane?.windows[0];
    if (!window) throw new Error('nothing planned');
    world.executions.set(window.executionArn, {
      arn: window.executionArn,
      input: { ...window.input, reportOptions: { changed: 'true' } },
      status: 'RUNNING',
    });
    const [summary] = await runDaily(world, ['2025-01-01']);

    expect(summary?.[0]).toMatchObject({ status: 'BUSY', windowsCompleted: 0 });
    expect(world.watermark(DE)).toBeUndefined();
  });

  it('does not touch a lane another run has claimed', async () => {
    const world = new FanOutWorld(
      [account()],
      [reportConfig({ id: 'orders', reportType: ORDERS, startDate: '2024-12-31' })],
    );
    world.laneStates.set(`A1B2C3D4E5F6G7#EU#orders#${DE}`, {
      claim: { executionName: 'another-run', claimedAt: '2025-01-01T01:00:00Z' },
    });
    const [summary] = await runDaily(world, ['2025-01-01']);

    expect(summary?.[0]).toMatchObject({ status: 'NOT_CLAIMED', reason: 'claimed-by-another-run' });
    expect(world.startedNames).toEqual([]);
  });

  it("takes over a snapshot lane's claim its dead run left, and ingests the next days", async () => {
    const world = new FanOutWorld(
      [account()],
      [reportConfig({ id: 'listings', reportType: LISTINGS })],
    );
    // Day 1's window is ingested, but its run cannot record it: the lane ends BLOCKED, still claimed.
    world.completeWindowErrors = [taskError('LedgerUnavailableError', 'table unavailable')];
    const summaries = await runDaily(world, ['2025-01-01', '2025-01-02', '2025-01-03']);

    expect(summaries.map((run) => run[0]?.status)).toEqual(['BLOCKED', 'COMPLETED', 'COMPLETED']);
    expect(world.ingested.get(`A1B2C3D4E5F6G7#EU#listings#${DE}`)).toEqual([
      ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'],
      ['2025-01-02T00:00:00Z', '2025-01-03T00:00:00Z'],
      ['2025-01-03T00:00:00Z', '2025-01-04T00:00:00Z'],
    ]);
    expect(world.laneStates.get(`A1B2C3D4E5F6G7#EU#listings#${DE}`)).toEqual({
      watermark: '2025-01-04T00:00:00Z',
    });
  });

  describe('with a claim left by a run that died mid-window', () => {
    const laneKeyOf = (id: string) => `A1B2C3D4E5F6G7#EU#${id}#${DE}`;
    const deadRunArn = ingestionExecutionArn(INGESTION, 'listings-dead-run');
    function leftClaim(world: FanOutWorld, id: string, claimedAt: string, windowEnd: string) {
      world.laneStates.set(laneKeyOf(id), {
        claim: {
          executionName: 'listings-dead-run',
          claimedAt,
          executionArn: deadRunArn,
          windowEnd,
        },
      });
    }
    function holderRan(world: FanOutWorld, status: Execution['status']) {
      world.executions.set(deadRunArn, {
        arn: deadRunArn,
        input: {} as ReportIngestionInput,
        status,
      });
    }

    it('ingests the snapshot when the holder was aborted', async () => {
      const world = new FanOutWorld([account()], [reportConfig({ id: 'l', reportType: LISTINGS })]);
      leftClaim(world, 'l', '2024-12-31T02:00:10Z', '2025-01-01T00:00:00Z');
      holderRan(world, 'ABORTED');
      const [summary] = await runDaily(world, ['2025-01-01']);

      expect(summary?.[0]).toMatchObject({ status: 'COMPLETED', windowsCompleted: 1 });
      expect(world.ingested.get(laneKeyOf('l'))).toEqual([
        ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'],
      ]);
    });

    it('takes over from a holder never started only an hour after its claim', async () => {
      const world = new FanOutWorld([account()], [reportConfig({ id: 'l', reportType: LISTINGS })]);
      leftClaim(world, 'l', '2025-01-01T01:30:00Z', '2025-01-01T00:00:00Z');
      const [early] = await runDaily(world, ['2025-01-01']);
      world.now = at('2025-01-01T02:30:00Z');
      const late = await runLocally(
        fanOut,
        { scheduledTime: '2025-01-01T02:30:00Z' },
        { handlers: world.handlers(), ...noRetryWaits },
      );

      expect(early?.[0]).toMatchObject({ status: 'NOT_CLAIMED', reason: 'claimed-by-another-run' });
      expect(late.output).toEqual([expect.objectContaining({ status: 'COMPLETED' })]);
      expect(world.startedNames).toHaveLength(1);
    });

    it('leaves the lane alone while the holder still runs', async () => {
      const world = new FanOutWorld([account()], [reportConfig({ id: 'l', reportType: LISTINGS })]);
      leftClaim(world, 'l', '2024-12-31T02:00:10Z', '2025-01-01T00:00:00Z');
      holderRan(world, 'RUNNING');
      const [summary] = await runDaily(world, ['2025-01-01']);

      expect(summary?.[0]).toMatchObject({ status: 'BUSY', windowsCompleted: 0 });
      expect(world.startedNames).toEqual([]);
      expect(world.laneStates.get(laneKeyOf('l'))?.claim?.executionArn).toBe(deadRunArn);
    });

    it("completes a succeeded rolling holder's window rather than ingesting its days again", async () => {
      const world = new FanOutWorld(
        [account()],
        [reportConfig({ id: 'o', reportType: ORDERS, startDate: '2024-12-30', maxWindowDays: 7 })],
      );
      // The dead run ingested [12-30, 12-31); today's plan is [12-30, 01-01), overlapping it.
      leftClaim(world, 'o', '2024-12-31T02:00:10Z', '2024-12-31T00:00:00Z');
      holderRan(world, 'SUCCEEDED');
      const [first, second] = await runDaily(world, ['2025-01-01', '2025-01-02']);

      expect(first?.[0]).toMatchObject({
        status: 'NOT_CLAIMED',
        reason: 'holder-window-completed',
      });
      expect(second?.[0]).toMatchObject({ status: 'COMPLETED', windowsCompleted: 1 });
      expect(world.ingested.get(laneKeyOf('o'))).toEqual([
        ['2024-12-31T00:00:00Z', '2025-01-02T00:00:00Z'],
      ]);
      expect(world.watermark(DE)).toBe('2025-01-02T00:00:00Z');
    });
  });

  it('drives the real ingestion state machine and skips a FATAL window at once when N = 1, 72 h past its end', async () => {
    const ingestion = localStateMachine(
      reportIngestionDefinition({
        createReportFunctionArn: fn('report-creator'),
        registerReportWaiterFunctionArn: fn('report-waiter'),
        getReportStatusFunctionArn: fn('report-status'),
        retrieveReportFunctionArn: fn('report-retriever'),
        recordFatalFunctionArn: fn('report-fatal'),
        recordOutcomeFunctionArn: fn('report-ledger'),
      }),
    );
    const world = new FanOutWorld(
      [account()],
      [reportConfig({ id: 'orders', reportType: ORDERS, startDate: '2024-12-30' })],
    );
    const ingestWindow = startExecutionSync(
      ingestion,
      (input: ReportIngestionInput) => {
        const lambdas = new FakeIngestionLambdas();
        if (input.window.start === '2024-12-30T00:00:00Z') lambdas.notification = 'FATAL';
        else world.recordIngested(input);
        return { handlers: lambdas.handlers() };
      },
      (name) => ingestionExecutionArn(INGESTION, name),
    );
    world.now = at('2025-01-03T02:00:00Z');
    const run = await runLocally(
      machine({ maxFatalAttempts: 1 }),
      { scheduledTime: '2025-01-03T02:00:00Z' },
      { handlers: world.handlers(ingestWindow) },
    );

    expect(run.output).toEqual([
      {
        lane: expect.objectContaining({ marketplaceId: DE }),
        status: 'COMPLETED',
        windowsCompleted: 4,
        windowsPlanned: 4,
      },
    ]);
    expect(world.ingested.get(`A1B2C3D4E5F6G7#EU#orders#${DE}`)).toEqual([
      ['2024-12-31T00:00:00Z', '2025-01-01T00:00:00Z'],
      ['2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z'],
      ['2025-01-02T00:00:00Z', '2025-01-03T00:00:00Z'],
    ]);
    expect(world.watermark(DE)).toBe('2025-01-03T00:00:00Z');
  });
});
