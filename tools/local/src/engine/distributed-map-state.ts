/**
 * A Map state in DISTRIBUTED mode, read for the local engine. aws-local-stepfunctions 3 runs Map
 * states inline only: it ignores `ProcessorConfig.Mode`, `ItemReader`, `ItemBatcher`,
 * `ToleratedFailure*` and `ResultWriter` (its docs list all of them as not supported; without
 * `ItemsPath` it fails with "Input of Map state must be an array"). The local engine therefore hands
 * such a state to a Task of the same name that runs the map itself (`runDistributedMap`).
 */
export interface DistributedMapConfig {
  readonly stateName: string;
  /** The child workflow: `ItemProcessor` without its `ProcessorConfig`. */
  readonly processor: { readonly StartAt: string; readonly States: Record<string, unknown> };
  /** `ItemReader.ReaderConfig.InputType`; absent: items come from `ItemsPath` (default `$`). */
  readonly readerInputType?: ItemReaderInputType;
  /** `ItemSelector` (or the legacy `Parameters`), evaluated per item with `$$.Map.Item`. */
  readonly itemSelector?: unknown;
  /** An `ItemBatcher` is present: children get `{ BatchInput?, Items }`. */
  readonly batched: boolean;
}

/** Inputs of an `s3:getObject` ItemReader the local engine reads. */
export const ITEM_READER_INPUT_TYPES = ['JSON', 'JSONL'] as const;
export type ItemReaderInputType = (typeof ITEM_READER_INPUT_TYPES)[number];

/** The `s3:getObject` ItemReader resource. */
export const S3_GET_OBJECT = 'arn:aws:states:::s3:getObject';

/** Resource of the Task a Distributed Map becomes locally (never deployed: the ASL is not changed). */
export const LOCAL_DISTRIBUTED_MAP_RESOURCE = 'arn:aws:states:::local:distributedMap';

/** The definition with every Distributed Map replaced by its local Task, and those maps. */
export interface LocalDefinition {
  readonly definition: Record<string, unknown>;
  readonly maps: readonly DistributedMapConfig[];
}

// Fields a Task keeps of the Map it replaces: input/output processing, error handling, transition.
const KEPT_FIELDS = [
  'Comment',
  'InputPath',
  'OutputPath',
  'ResultPath',
  'ResultSelector',
  'Retry',
  'Catch',
  'Next',
  'End',
] as const;

// Fields the local Task interprets. Anything else (ResultWriter, JSONata's Arguments/Output/Items,
// Assign, ...) is refused rather than silently ignored.
const INTERPRETED_FIELDS = new Set<string>([
  'Type',
  'ItemProcessor',
  'ItemReader',
  'ItemsPath',
  'ItemSelector',
  'Parameters',
  'ItemBatcher',
  'MaxConcurrency',
  'MaxConcurrencyPath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'Label',
]);

/**
 * Replaces each DISTRIBUTED Map of `definition` (at the top level, and inside inline Map and
 * Parallel states) by a Task of the same name whose Parameters collect what the map needs at run
 * time, evaluated by the engine against the map's effective input: the input itself, the context
 * object, the ItemReader parameters, the items (`ItemsPath`), and the `*Path` variants of the
 * concurrency, tolerance and batching fields. Throws on fields the local engine does not implement.
 */
export function localDistributedMaps(definition: unknown): LocalDefinition {
  const maps: DistributedMapConfig[] = [];
  const rewritten = rewriteStates(definition, maps);
  return { definition: rewritten, maps };
}

function rewriteStates(machine: unknown, maps: DistributedMapConfig[]): Record<string, unknown> {
  const copy = { ...asObject(machine, 'state machine') };
  const states = asObject(copy['States'], 'States');
  copy['States'] = Object.fromEntries(
    Object.entries(states).map(([name, value]) => [name, rewriteState(name, value, maps)]),
  );
  return copy;
}

function rewriteState(
  name: string,
  value: unknown,
  maps: DistributedMapConfig[],
): Record<string, unknown> {
  const state = asObject(value, name);
  if (state['Type'] === 'Parallel' && Array.isArray(state['Branches'])) {
    return { ...state, Branches: state['Branches'].map((branch) => rewriteStates(branch, maps)) };
  }
  if (state['Type'] !== 'Map') return state;
  const processorField = state['ItemProcessor'] === undefined ? 'Iterator' : 'ItemProcessor';
  const processor = asObject(state[processorField], `${name}.${processorField}`);
  const mode = asOptionalObject(processor['ProcessorConfig'])?.['Mode'];
  if (mode !== 'DISTRIBUTED') {
    return { ...state, [processorField]: rewriteStates(processor, maps) };
  }
  const map = readDistributedMap(name, state, processor);
  maps.push(map);
  return localTask(state);
}

function readDistributedMap(
  name: string,
  state: Record<string, unknown>,
  processor: Record<string, unknown>,
): DistributedMapConfig {
  const unsupported = Object.keys(state).filter(
    (field) =>
      !INTERPRETED_FIELDS.has(field) && !(KEPT_FIELDS as readonly string[]).includes(field),
  );
  if (unsupported.length > 0) {
    throw new Error(`Distributed Map ${name}: ${unsupported.join(', ')} not supported locally`);
  }
  const { ProcessorConfig: _config, ...childDefinition } = processor;
  if (typeof childDefinition['StartAt'] !== 'string') {
    throw new Error(`Distributed Map ${name}: ItemProcessor has no StartAt`);
  }
  const reader = asOptionalObject(state['ItemReader']);
  let readerInputType: ItemReaderInputType | undefined;
  if (reader !== undefined) {
    if (reader['Resource'] !== S3_GET_OBJECT) {
      throw new Error(
        `Distributed Map ${name}: ItemReader ${String(reader['Resource'])} not supported locally (only ${S3_GET_OBJECT})`,
      );
    }
    const readerConfig = asOptionalObject(reader['ReaderConfig']) ?? {};
    const inputType = readerConfig['InputType'];
    const known = ITEM_READER_INPUT_TYPES.find((type) => type === inputType);
    const extra = Object.keys(readerConfig).filter(
      (field) => !['InputType', 'MaxItems', 'MaxItemsPath'].includes(field),
    );
    if (known === undefined || extra.length > 0) {
      throw new Error(
        `Distributed Map ${name}: ReaderConfig ${JSON.stringify(readerConfig)} not supported locally (InputType JSON or JSONL, MaxItems)`,
      );
    }
    if (state['ItemsPath'] !== undefined) {
      throw new Error(`Distributed Map ${name}: ItemsPath and ItemReader exclude each other`);
    }
    readerInputType = known;
  }
  const itemSelector = state['ItemSelector'] ?? state['Parameters'];
  return {
    stateName: name,
    processor: {
      StartAt: childDefinition['StartAt'],
      States: asObject(childDefinition['States'], `${name}.ItemProcessor.States`),
    },
    ...(readerInputType === undefined ? {} : { readerInputType }),
    ...(itemSelector === undefined ? {} : { itemSelector }),
    batched: state['ItemBatcher'] !== undefined,
  };
}

// The Task standing in for the map: Parameters gather every run-time value of the map, evaluated
// by the engine itself (paths, intrinsic functions, `$$`).
function localTask(state: Record<string, unknown>): Record<string, unknown> {
  const reader = asOptionalObject(state['ItemReader']);
  const readerConfig = asOptionalObject(reader?.['ReaderConfig']);
  const batcher = asOptionalObject(state['ItemBatcher']);
  const parameters: Record<string, unknown> = {
    'input.$': '$',
    'context.$': '$$',
    ...(reader === undefined
      ? { 'items.$': typeof state['ItemsPath'] === 'string' ? state['ItemsPath'] : '$' }
      : { reader: reader['Parameters'] ?? {} }),
    ...valueOrPath('maxItems', readerConfig, 'MaxItems'),
    ...valueOrPath('maxConcurrency', state, 'MaxConcurrency'),
    ...valueOrPath('toleratedFailureCount', state, 'ToleratedFailureCount'),
    ...valueOrPath('toleratedFailurePercentage', state, 'ToleratedFailurePercentage'),
    ...valueOrPath('maxItemsPerBatch', batcher, 'MaxItemsPerBatch'),
    ...valueOrPath('maxInputBytesPerBatch', batcher, 'MaxInputBytesPerBatch'),
    ...(batcher?.['BatchInput'] === undefined ? {} : { batchInput: batcher['BatchInput'] }),
  };
  const task: Record<string, unknown> = {
    Type: 'Task',
    Resource: LOCAL_DISTRIBUTED_MAP_RESOURCE,
    Parameters: parameters,
  };
  for (const field of KEPT_FIELDS) {
    if (state[field] !== undefined) task[field] = state[field];
  }
  return task;
}

function valueOrPath(
  key: string,
  source: Record<string, unknown> | undefined,
  field: string,
): Record<string, unknown> {
  if (source === undefined) return {};
  if (source[field] !== undefined) return { [key]: source[field] };
  if (typeof source[`${field}Path`] === 'string') return { [`${key}.$`]: source[`${field}Path`] };
  return {};
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  const object = asOptionalObject(value);
  if (object === undefined) throw new Error(`${what} is not an object`);
  return object;
}

function asOptionalObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : undefined;
}
