import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { TsvCurationOutput, TsvCurator, TsvCuratorFactory } from '@spapi-lake/ingestion';
import { TsvCurationWorkerCrashedError, TsvCurationWorkerError } from '../errors';
import { ownsBuffer } from './owns-buffer';
import type { WorkerOptions, WorkerRequest, WorkerResponse } from './worker-protocol';

/** Options of {@link workerTsvCurator}. */
export interface WorkerTsvCuratorOptions extends WorkerOptions {
  /** The built worker entry point (a script that calls `runTsvCurationWorker`). */
  readonly workerPath: string;
  /** The worker thread's heap limits (Node's defaults when absent). */
  readonly resourceLimits?: ResourceLimits;
}

/**
 * TSV curation on a worker thread, one per document: parsing, encoding and compression run
 * beside the thread that downloads, decodes and uploads, so a document takes both cores.
 */
export function workerTsvCurator(options: WorkerTsvCuratorOptions): TsvCuratorFactory {
  return (setup): TsvCurator => {
    const worker = new Worker(options.workerPath, {
      workerData: options.createdBy === undefined ? {} : { createdBy: options.createdBy },
      ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
    });
    const pending = new Map<
      number,
      { resolve: (output: TsvCurationOutput | undefined) => void; reject: (error: Error) => void }
    >();
    let nextId = 0;
    let failure: Error | undefined;
    const failAll = (error: Error) => {
      failure ??= error;
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    };
    worker.on('message', (response: WorkerResponse) => {
      const waiter = pending.get(response.id);
      if (!waiter) return;
      pending.delete(response.id);
      if ('error' in response) {
        const error = new TsvCurationWorkerError(
          `${response.error.name}: ${response.error.message}`,
        );
        if (response.error.stack) error.stack = response.error.stack;
        waiter.reject(error);
      } else waiter.resolve(response.output);
    });
    worker.on('error', (error) =>
      failAll(
        // Out of memory is the document's (its lines or cells), and would be again on every try.
        (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new TsvCurationWorkerError('the curation worker ran out of memory', { cause: error })
          : new TsvCurationWorkerCrashedError(`the curation worker failed: ${error.name}`, {
              cause: error,
            }),
      ),
    );
    worker.on('exit', (code) =>
      failAll(new TsvCurationWorkerCrashedError(`the curation worker exited with code ${code}`)),
    );
    const request = (
      message: WorkerRequest,
      transfer: ArrayBuffer[] = [],
    ): Promise<TsvCurationOutput | undefined> => {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        pending.set(message.id, { resolve, reject });
        worker.postMessage(message, transfer);
      });
    };
    const opened = request({ type: 'open', id: nextId++, setup });
    opened.catch(() => undefined);
    const output = async (
      message: WorkerRequest,
      transfer?: ArrayBuffer[],
    ): Promise<TsvCurationOutput> => {
      await opened;
      const result = await request(message, transfer);
      if (!result) throw new TsvCurationWorkerError('the curation worker sent no output');
      return result;
    };
    let closed: Promise<void> | undefined;
    return {
      // The bytes move to the worker (their buffer is detached here), when they own their buffer.
      curate: (bytes) =>
        output(
          { type: 'curate', id: nextId++, bytes },
          ownsBuffer(bytes) ? [bytes.buffer as ArrayBuffer] : [],
        ),
      finish: () => output({ type: 'finish', id: nextId++ }),
      close: () => {
        closed ??= worker.terminate().then(() => undefined);
        return closed;
      },
    };
  };
}
