import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { TsvColumnarEngine } from '@spapi-lake/ingestion';
import { columnarParquetEncoding } from '../parquet/columnar-parquet-encoding';
import type { WorkerOptions, WorkerRequest, WorkerResponse } from './worker-protocol';

/**
 * The body of a TSV curation worker thread: one document's `TsvColumnarEngine`, fed by the messages
 * of `WorkerTsvCurator`; encoded bytes go back transferred, not copied. An app's worker entry point
 * calls this and nothing else.
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
        const output = request.type === 'curate' ? engine.curate(request.bytes) : engine.finish();
        response = { id: request.id, output };
      }
      const transfer =
        'output' in response && response.output
          ? response.output.parts.map((part) => part.bytes.buffer as ArrayBuffer)
          : [];
      port.postMessage(response, transfer);
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
