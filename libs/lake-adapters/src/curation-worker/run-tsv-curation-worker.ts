import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { TsvColumnarEngine, type TsvCurationOutput } from '@spapi-lake/ingestion';
import { columnarParquetEncoding } from '../parquet/columnar-parquet-encoding';
import { ownsBuffer } from './owns-buffer';
import type { WorkerOptions, WorkerRequest, WorkerResponse } from './worker-protocol';

/**
 * The body of a TSV curation worker thread: one document's `TsvColumnarEngine` at a time, fed by
 * the messages of `WorkerTsvCurator`; encoded bytes, and each batch once curated, go back
 * transferred, not copied. An app's worker entry point calls this and nothing else.
 */
export function runTsvCurationWorker(
  port: MessagePort | null = parentPort,
  options: WorkerOptions = (workerData ?? {}) as WorkerOptions,
): void {
  if (!port) throw new Error('runTsvCurationWorker must run on a worker thread');
  const encoding = columnarParquetEncoding(
    options.createdBy === undefined ? {} : { createdBy: options.createdBy },
  );
  let engine: TsvColumnarEngine | undefined;
  port.on('message', (request: WorkerRequest) => {
    try {
      let response: WorkerResponse;
      if (request.type === 'open') {
        engine = new TsvColumnarEngine(request.setup, encoding);
        response = { id: request.id, output: undefined };
      } else {
        if (!engine) throw new Error('the worker has no document open');
        // The batch goes back with its output, for the other thread to fill again.
        let output: TsvCurationOutput;
        if (request.type === 'curate') {
          output = {
            ...engine.curate(request.bytes),
            ...(ownsBuffer(request.bytes) ? { reusableBytes: request.bytes } : {}),
          };
        } else {
          output = engine.finish();
          // A warm thread waits for its next document without holding on to this one's buffers.
          engine = undefined;
        }
        response = { id: request.id, output };
      }
      port.postMessage(response, transferablesOf(response));
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      port.postMessage({
        id: request.id,
        error: {
          name: failure.name,
          message: failure.message,
          ...(failure.stack ? { stack: failure.stack } : {}),
        },
      } satisfies WorkerResponse);
    }
  });
}

function transferablesOf(response: WorkerResponse): ArrayBuffer[] {
  if (!('output' in response) || !response.output) return [];
  const { parts, reusableBytes } = response.output;
  const buffers = parts.map((part) => part.bytes.buffer as ArrayBuffer);
  if (reusableBytes) buffers.push(reusableBytes.buffer as ArrayBuffer);
  return buffers;
}
