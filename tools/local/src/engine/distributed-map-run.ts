import { z } from 'zod';
import type { DistributedMapConfig, ItemReaderInputType } from './distributed-map-state';
import { LocalTaskError } from './local-executions';
import type { LocalExecutionResult } from './local-state-machine';
import type { PayloadTemplate } from './payload-template';

/** Where the local engine reads ItemReader objects (the local twin of S3 GetObject). */
export interface ItemReaderSource {
  getObject(bucket: string, key: string): Promise<Uint8Array | string>;
}

/** What one map run needs besides its configuration and input. */
export interface DistributedMapRunDeps {
  /** Required when the map has an ItemReader. */
  readonly objects?: ItemReaderSource;
  /** The map's ItemSelector, when it has one. */
  readonly itemSelector?: PayloadTemplate;
  /** Runs one child workflow execution (`index`: position of the child in the run). */
  runChild(input: unknown, index: number): Promise<LocalExecutionResult>;
}

// Step Functions runs up to 10,000 child executions of a Distributed Map at once.
const MAX_CHILDREN_IN_FLIGHT = 10_000;
// MaxInputBytesPerBatch may not exceed 256 KiB (the payload limit of an execution input).
const MAX_BATCH_BYTES = 262_144;

/** The local Task's input: its Parameters, built by `localDistributedMaps`. */
const MapRunInputSchema = z.object({
  input: z.unknown(),
  context: z.record(z.string(), z.unknown()),
  items: z.unknown().optional(),
  reader: z.looseObject({ Bucket: z.string().min(1), Key: z.string().min(1) }).optional(),
  maxItems: z.number().int().min(0).optional(),
  maxConcurrency: z.number().int().min(0).optional(),
  toleratedFailureCount: z.number().int().min(0).optional(),
  toleratedFailurePercentage: z.number().min(0).max(100).optional(),
  maxItemsPerBatch: z.number().int().min(1).optional(),
  maxInputBytesPerBatch: z.number().int().min(1).max(MAX_BATCH_BYTES).optional(),
  batchInput: z.unknown().optional(),
});
type MapRunInput = z.output<typeof MapRunInputSchema>;

/**
 * One Distributed Map run, as Step Functions documents it: items from the ItemReader object (a
 * JSON array, or JSON Lines; `MaxItems` keeps the first ones) or from `ItemsPath`; `ItemSelector`
 * applied to each item with `$$.Map.Item.Index`/`Value`; with an ItemBatcher, children get
 * `{ BatchInput?, Items }` of at most `MaxItemsPerBatch` items and `MaxInputBytesPerBatch` bytes;
 * children run at most `MaxConcurrency` at once (0 or absent: 10,000). A failed child fails all
 * its items; the run fails with `States.ExceedToleratedFailureThreshold` once the failed items
 * exceed `ToleratedFailureCount` or `ToleratedFailurePercentage` of all items (both absent: any
 * failure), starting no child after that. The output is the children's outputs in order (a failed
 * child tolerated: its `{ Error, Cause }`).
 */
export async function runDistributedMap(
  config: DistributedMapConfig,
  taskInput: unknown,
  deps: DistributedMapRunDeps,
): Promise<unknown[]> {
  const parsed = MapRunInputSchema.safeParse(taskInput);
  if (!parsed.success) {
    throw new LocalTaskError(
      'States.Runtime',
      `Distributed Map ${config.stateName}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  const run = parsed.data;
  const items = await readItems(config, run, deps);
  const selected: unknown[] = [];
  for (const [index, value] of items.entries()) {
    selected.push(
      deps.itemSelector === undefined
        ? value
        : await deps.itemSelector.evaluate(run.input, {
            ...run.context,
            Map: { Item: { Index: index, Value: value } },
          }),
    );
  }
  const children = config.batched ? batches(config, run, selected) : selected.map((item) => [item]);
  const childInput = (group: unknown[]): unknown =>
    config.batched
      ? { ...(run.batchInput === undefined ? {} : { BatchInput: run.batchInput }), Items: group }
      : group[0];

  const outputs: unknown[] = new Array<unknown>(children.length);
  let failedItems = 0;
  let firstFailure: { error: string; cause: string } | undefined;
  let next = 0;
  const exceeded = (): boolean => thresholdExceeded(run, failedItems, selected.length);
  const worker = async (): Promise<void> => {
    while (next < children.length && !exceeded()) {
      const index = next;
      next += 1;
      const group = children[index] ?? [];
      const result = await deps.runChild(childInput(group), index);
      if (result.status === 'SUCCEEDED') {
        outputs[index] = result.output;
      } else {
        failedItems += group.length;
        firstFailure ??= result;
        outputs[index] = { Error: result.error, Cause: result.cause };
      }
    }
  };
  const limit =
    run.maxConcurrency === undefined || run.maxConcurrency === 0
      ? MAX_CHILDREN_IN_FLIGHT
      : run.maxConcurrency;
  await Promise.all(Array.from({ length: Math.min(limit, children.length) }, worker));
  if (exceeded()) {
    throw new LocalTaskError(
      'States.ExceedToleratedFailureThreshold',
      `Distributed Map ${config.stateName}: ${failedItems} of ${selected.length} items failed` +
        (firstFailure === undefined
          ? ''
          : `; first failure ${firstFailure.error}: ${firstFailure.cause}`),
    );
  }
  return outputs;
}

function thresholdExceeded(run: MapRunInput, failedItems: number, totalItems: number): boolean {
  if (failedItems === 0) return false;
  const { toleratedFailureCount: count, toleratedFailurePercentage: percentage } = run;
  if (count === undefined && percentage === undefined) return true;
  return (
    (count !== undefined && failedItems > count) ||
    (percentage !== undefined && (failedItems * 100) / totalItems > percentage)
  );
}

async function readItems(
  config: DistributedMapConfig,
  run: MapRunInput,
  deps: DistributedMapRunDeps,
): Promise<unknown[]> {
  if (config.readerInputType === undefined) {
    if (!Array.isArray(run.items)) {
      throw new LocalTaskError(
        'States.Runtime',
        `Distributed Map ${config.stateName}: ItemsPath does not select an array`,
      );
    }
    return run.items;
  }
  const { reader } = run;
  if (reader === undefined || deps.objects === undefined) {
    throw new LocalTaskError(
      'States.ItemReaderFailed',
      `Distributed Map ${config.stateName}: no object store to read the ItemReader object from`,
    );
  }
  let text: string;
  try {
    const body = await deps.objects.getObject(reader.Bucket, reader.Key);
    text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  } catch (error) {
    throw new LocalTaskError(
      'States.ItemReaderFailed',
      `Distributed Map ${config.stateName}: s3://${reader.Bucket}/${reader.Key}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const items = parseItems(config.readerInputType, text);
  if (items === undefined) {
    throw new LocalTaskError(
      'States.ItemReaderFailed',
      `Distributed Map ${config.stateName}: s3://${reader.Bucket}/${reader.Key} is not ${config.readerInputType === 'JSON' ? 'a JSON array' : 'JSON Lines'}`,
    );
  }
  // MaxItems 0 means no limit.
  return run.maxItems === undefined || run.maxItems === 0 ? items : items.slice(0, run.maxItems);
}

function parseItems(inputType: ItemReaderInputType, text: string): unknown[] | undefined {
  try {
    if (inputType === 'JSON') {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? parsed : undefined;
    }
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line): unknown => JSON.parse(line));
  } catch {
    return undefined;
  }
}

function batches(config: DistributedMapConfig, run: MapRunInput, items: unknown[]): unknown[][] {
  if (run.maxItemsPerBatch === undefined && run.maxInputBytesPerBatch === undefined) {
    throw new LocalTaskError(
      'States.Runtime',
      `Distributed Map ${config.stateName}: ItemBatcher needs MaxItemsPerBatch or MaxInputBytesPerBatch`,
    );
  }
  const maxItems = run.maxItemsPerBatch ?? Number.POSITIVE_INFINITY;
  const maxBytes = run.maxInputBytesPerBatch ?? MAX_BATCH_BYTES;
  // The size of a child's input `{ BatchInput?, Items: [...] }`, grown item by item.
  const emptyBytes = Buffer.byteLength(
    JSON.stringify({
      ...(run.batchInput === undefined ? {} : { BatchInput: run.batchInput }),
      Items: [],
    }),
  );
  const result: unknown[][] = [];
  let current: unknown[] = [];
  let bytes = emptyBytes;
  for (const item of items) {
    const itemBytes = Buffer.byteLength(JSON.stringify(item) ?? 'null');
    if (emptyBytes + itemBytes > maxBytes) {
      throw new LocalTaskError(
        'States.Runtime',
        `Distributed Map ${config.stateName}: one item exceeds MaxInputBytesPerBatch (${maxBytes} bytes)`,
      );
    }
    const grown = bytes + itemBytes + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && (current.length + 1 > maxItems || grown > maxBytes)) {
      result.push(current);
      current = [item];
      bytes = emptyBytes + itemBytes;
    } else {
      current.push(item);
      bytes = grown;
    }
  }
  if (current.length > 0) result.push(current);
  return result;
}
