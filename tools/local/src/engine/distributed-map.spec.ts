import type { DefinitionShape, LocalStateMachineOptions } from './local-state-machine';
import { LocalStateMachine } from './local-state-machine';

const fail = (name: string, message: string) => Object.assign(new Error(message), { name });

const objects = (
  files: Record<string, string>,
): NonNullable<LocalStateMachineOptions['objects']> => ({
  getObject: async (bucket, key) => {
    const body = files[`${bucket}/${key}`];
    if (body === undefined) throw fail('NoSuchKey', `no object ${bucket}/${key}`);
    return Buffer.from(body);
  },
});

/** A machine whose Distributed Map reads `$.manifest` and maps each item through `Work`. */
function machine(map: Record<string, unknown>): DefinitionShape {
  return {
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Map',
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSON' },
          Parameters: { 'Bucket.$': '$.manifest.Bucket', 'Key.$': '$.manifest.Key' },
        },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Work',
          States: { Work: { Type: 'Task', Resource: 'arn:aws:lambda:::function:work', End: true } },
        },
        ResultPath: '$.results',
        End: true,
        ...map,
      },
    },
  } as unknown as DefinitionShape;
}

const manifest = { manifest: { Bucket: 'lake', Key: 'chunks.json' } };
const fiveItems = objects({ 'lake/chunks.json': JSON.stringify(['a', 'b', 'c', 'd', 'e']) });

describe('Distributed Map in the local engine', () => {
  it('reads the items from the ItemReader object and selects each with $$.Map.Item', async () => {
    const seen: unknown[] = [];
    const local = new LocalStateMachine(
      machine({
        ItemSelector: {
          'letter.$': '$$.Map.Item.Value',
          'position.$': '$$.Map.Item.Index',
          'run.$': '$.run',
        },
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSON', MaxItems: 4 },
          Parameters: { 'Bucket.$': '$.manifest.Bucket', 'Key.$': '$.manifest.Key' },
        },
      }),
      {
        Work: (input) => {
          seen.push(input);
          return `done ${JSON.stringify(input)}`;
        },
      },
      { objects: fiveItems },
    );
    const result = await local.execute({ ...manifest, run: 7 });
    expect(seen).toEqual([
      { letter: 'a', position: 0, run: 7 },
      { letter: 'b', position: 1, run: 7 },
      { letter: 'c', position: 2, run: 7 },
      { letter: 'd', position: 3, run: 7 },
    ]);
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: {
        ...manifest,
        run: 7,
        results: seen.map((input) => `done ${JSON.stringify(input)}`),
      },
    });
  });

  it('batches items as { BatchInput, Items } within MaxItemsPerBatch', async () => {
    const seen: unknown[] = [];
    const local = new LocalStateMachine(
      machine({ ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'run.$': '$.run' } } }),
      { Work: (input) => void seen.push(input) },
      { objects: fiveItems },
    );
    expect((await local.execute({ ...manifest, run: 1 })).status).toBe('SUCCEEDED');
    expect(seen).toEqual([
      { BatchInput: { run: 1 }, Items: ['a', 'b'] },
      { BatchInput: { run: 1 }, Items: ['c', 'd'] },
      { BatchInput: { run: 1 }, Items: ['e'] },
    ]);
  });

  it('cuts batches at MaxInputBytesPerBatch', async () => {
    const seen: unknown[] = [];
    // {"Items":["a","b"]} is 19 bytes; a third item would make it 23.
    const local = new LocalStateMachine(
      machine({ ItemBatcher: { MaxInputBytesPerBatch: 20 } }),
      { Work: (input) => void seen.push(input) },
      { objects: fiveItems },
    );
    expect((await local.execute(manifest)).status).toBe('SUCCEEDED');
    expect(seen).toEqual([{ Items: ['a', 'b'] }, { Items: ['c', 'd'] }, { Items: ['e'] }]);
  });

  it('runs no more children at once than MaxConcurrency', async () => {
    let running = 0;
    let most = 0;
    const local = new LocalStateMachine(
      machine({ MaxConcurrency: 2 }),
      {
        Work: async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setImmediate(resolve));
          running -= 1;
          return null;
        },
      },
      { objects: fiveItems },
    );
    expect((await local.execute(manifest)).status).toBe('SUCCEEDED');
    expect(most).toBe(2);
  });

  it('tolerates failed items up to ToleratedFailureCount and reports them in the output', async () => {
    const local = new LocalStateMachine(
      machine({ ToleratedFailureCount: 1 }),
      {
        Work: (input) => {
          if (input === 'c') throw fail('ChunkError', 'c is broken');
          return input;
        },
      },
      { objects: fiveItems },
    );
    expect(await local.execute(manifest)).toEqual({
      status: 'SUCCEEDED',
      output: {
        ...manifest,
        results: ['a', 'b', { Error: 'ChunkError', Cause: 'c is broken' }, 'd', 'e'],
      },
    });
  });

  it('fails with States.ExceedToleratedFailureThreshold beyond the tolerated percentage', async () => {
    const started: unknown[] = [];
    const local = new LocalStateMachine(
      machine({ ToleratedFailurePercentage: 20, MaxConcurrency: 1 }),
      {
        Work: (input) => {
          started.push(input);
          if (input === 'a' || input === 'b')
            throw fail('ChunkError', `${String(input)} is broken`);
          return input;
        },
      },
      { objects: fiveItems },
    );
    // One of five (20 %) is tolerated, two are not; no child starts after the threshold is passed.
    expect(await local.execute(manifest)).toEqual({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
      cause: 'Distributed Map Fan: 2 of 5 items failed; first failure ChunkError: a is broken',
    });
    expect(started).toEqual(['a', 'b']);
  });

  it('fails on the first failed item by default, and a Catch on the map catches it', async () => {
    const definition = machine({
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Caught' }],
      End: undefined,
      Next: 'Done',
    });
    const withTargets: DefinitionShape = {
      ...definition,
      States: {
        ...definition.States,
        Caught: { Type: 'Pass', Result: 'caught', ResultPath: '$.outcome', End: true },
        Done: { Type: 'Succeed' },
      } as DefinitionShape['States'],
    };
    const local = new LocalStateMachine(
      withTargets,
      {
        Work: () => {
          throw fail('ChunkError', 'broken');
        },
      },
      { objects: fiveItems },
    );
    expect(await local.execute(manifest)).toMatchObject({
      status: 'SUCCEEDED',
      output: { outcome: 'caught', error: { Error: 'States.ExceedToleratedFailureThreshold' } },
    });
  });

  it('fails with States.ItemReaderFailed when the object is missing or not a JSON array', async () => {
    const local = new LocalStateMachine(
      machine({}),
      { Work: (input) => input },
      {
        objects: objects({ 'lake/chunks.json': '{"not":"an array"}' }),
      },
    );
    expect(await local.execute({ manifest: { Bucket: 'lake', Key: 'other.json' } })).toMatchObject({
      status: 'FAILED',
      error: 'States.ItemReaderFailed',
    });
    expect(await local.execute(manifest)).toMatchObject({
      status: 'FAILED',
      error: 'States.ItemReaderFailed',
      cause: expect.stringContaining('is not a JSON array'),
    });
  });

  it('runs a Distributed Map over ItemsPath without a reader', async () => {
    const local = new LocalStateMachine(
      machine({ ItemReader: undefined, ItemsPath: '$.numbers' }),
      { Work: (input) => Number(input) * 10 },
    );
    expect(await local.execute({ numbers: [1, 2, 3] })).toEqual({
      status: 'SUCCEEDED',
      output: { numbers: [1, 2, 3], results: [10, 20, 30] },
    });
  });

  it('refuses what it does not implement instead of ignoring it', () => {
    const handlers = { Work: (input: unknown) => input };
    expect(
      () =>
        new LocalStateMachine(
          machine({ ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: {} } }),
          handlers,
          { objects: fiveItems },
        ),
    ).toThrow('Distributed Map Fan: ResultWriter not supported locally');
    expect(
      () =>
        new LocalStateMachine(
          machine({
            ItemReader: {
              Resource: 'arn:aws:states:::s3:getObject',
              ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' },
              Parameters: {},
            },
          }),
          handlers,
          { objects: fiveItems },
        ),
    ).toThrow('not supported locally');
    expect(() => new LocalStateMachine(machine({}), handlers)).toThrow('pass options.objects');
  });
});
