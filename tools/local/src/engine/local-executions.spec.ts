import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalExecutions } from './local-executions';

const ARN = 'arn:aws:states:us-east-1:000000000000:execution:ingestion:window-1';

describe('LocalExecutions', () => {
  let directory: string;
  let file: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'local-executions-'));
    file = path.join(directory, 'executions.json');
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('answers a succeeded execution as startExecution.sync:2 does and describes it later', async () => {
    const executions = new LocalExecutions(file, () => Date.parse('2026-11-05T06:00:00Z'));
    const answer = await executions.startSync(ARN, 'window-1', { a: 1 }, async () => ({
      status: 'SUCCEEDED',
      output: { outcome: 'DONE' },
    }));
    expect(answer).toEqual({ ExecutionArn: ARN, Status: 'SUCCEEDED', Output: { outcome: 'DONE' } });
    const reloaded = new LocalExecutions(file, () => 0);
    expect(await reloaded.describe(ARN)).toMatchObject({
      ExecutionArn: ARN,
      Status: 'SUCCEEDED',
      Input: '{"a":1}',
      Output: '{"outcome":"DONE"}',
    });
  });

  it("throws States.TaskFailed with the child's description when the execution fails", async () => {
    const executions = new LocalExecutions(file, () => 0);
    const failing = executions.startSync(ARN, 'window-1', {}, async () => ({
      status: 'FAILED',
      error: 'ReportFatalError',
      cause: 'no data',
    }));
    await expect(failing).rejects.toMatchObject({ name: 'States.TaskFailed' });
    const error = await failing.catch((caught: Error) => caught);
    expect(JSON.parse(error instanceof Error ? error.message : '')).toEqual({
      ExecutionArn: ARN,
      Status: 'FAILED',
      Error: 'ReportFatalError',
      Cause: 'no data',
    });
  });

  it('refuses a second start of a closed name and joins a running one of the same input', async () => {
    const executions = new LocalExecutions(undefined, () => 0);
    let finish: () => void = () => undefined;
    let runs = 0;
    const run = async () => {
      runs += 1;
      await new Promise<void>((resolve) => (finish = resolve));
      return { status: 'SUCCEEDED' as const, output: 1 };
    };
    const first = executions.startSync(ARN, 'window-1', { a: 1 }, run);
    await new Promise((resolve) => setImmediate(resolve));
    const joined = executions.startSync(ARN, 'window-1', { a: 1 }, run);
    await new Promise((resolve) => setTimeout(resolve, 20));
    finish();
    expect(await first).toEqual(await joined);
    expect(runs).toBe(1);
    await expect(executions.startSync(ARN, 'window-1', { a: 1 }, run)).rejects.toMatchObject({
      name: 'StepFunctions.ExecutionAlreadyExistsException',
    });
  });

  it('marks executions a dead process left RUNNING as ABORTED', async () => {
    const dying = new LocalExecutions(file, () => 0);
    // A run that never ends: the process dies while it is RUNNING.
    void dying.startSync(ARN, 'window-1', {}, () => new Promise(() => undefined));
    // Once its RUNNING record is written (however slow the disk), a process started after it
    // sees the execution aborted.
    while (!(await readFile(file, 'utf8').catch(() => '')).includes('"RUNNING"')) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const next = new LocalExecutions(file, () => 0);
    expect(await next.describe(ARN)).toMatchObject({ Status: 'ABORTED' });
    await expect(next.describe(`${ARN}-other`)).rejects.toMatchObject({
      name: 'Sfn.ExecutionDoesNotExistException',
    });
  });
});
