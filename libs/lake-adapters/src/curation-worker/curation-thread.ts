import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { TsvCurationOutput } from '@spapi-lake/ingestion';
import { TsvCurationWorkerCrashedError, TsvCurationWorkerError } from '../errors';
import type { WorkerOptions, WorkerRequest, WorkerResponse } from './worker-protocol';

/** How a curation worker thread is started. */
export interface CurationThreadOptions extends WorkerOptions {
  /** The built worker entry point (a script that calls `runTsvCurationWorker`). */
  readonly workerPath: string;
  /** The worker thread's heap limits (Node's defaults when absent). */
  readonly resourceLimits?: ResourceLimits;
}

interface Waiter {
  resolve(output: TsvCurationOutput | undefined): void;
  reject(error: Error): void;
}

/**
 * One curation worker thread and its requests in flight. It curates one document at a time; once a
 * document has finished cleanly it may be parked (it then no longer keeps the process alive) and
 * taken up again for the next document.
 */
export class CurationThread {
  readonly worker: Worker;
  private readonly pending = new Map<number, Waiter>();
  private nextId = 0;
  /** Why the thread can take no more requests (it died, or was terminated). */
  private failure: Error | undefined;

  constructor(options: CurationThreadOptions) {
    this.worker = new Worker(options.workerPath, {
      workerData: options.createdBy === undefined ? {} : { createdBy: options.createdBy },
      ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
    });
    this.worker.on('message', (response: WorkerResponse) => this.answer(response));
    this.worker.on('error', (error) =>
      this.fail(
        // Out of memory is the document's (its lines or cells), and would be again on every try.
        (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new TsvCurationWorkerError('the curation worker ran out of memory', { cause: error })
          : new TsvCurationWorkerCrashedError(`the curation worker failed: ${error.name}`, {
              cause: error,
            }),
      ),
    );
    this.worker.on('exit', (code) =>
      this.fail(new TsvCurationWorkerCrashedError(`the curation worker exited with code ${code}`)),
    );
  }

  /** Whether another document may be curated here: the thread lives and owes no answer. */
  get reusable(): boolean {
    return this.failure === undefined && this.pending.size === 0;
  }

  /** Sends `message` (given its id here); resolves with its answer's output, in sending order. */
  request(
    message: DistributiveOmit<WorkerRequest, 'id'>,
    transfer: ArrayBuffer[] = [],
  ): Promise<TsvCurationOutput | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      try {
        this.worker.postMessage({ ...message, id }, transfer);
      } catch (error) {
        // Not sent (a value that cannot be cloned): no answer will come.
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** An idle thread does not keep the process alive; a busy one does. */
  park(): void {
    this.worker.unref();
  }

  resume(): void {
    this.worker.ref();
  }

  async terminate(): Promise<void> {
    this.fail(new TsvCurationWorkerCrashedError('the curation worker was closed'));
    await this.worker.terminate();
  }

  private answer(response: WorkerResponse): void {
    const waiter = this.pending.get(response.id);
    if (!waiter) return;
    this.pending.delete(response.id);
    if ('error' in response) {
      const error = new TsvCurationWorkerError(`${response.error.name}: ${response.error.message}`);
      if (response.error.stack) error.stack = response.error.stack;
      waiter.reject(error);
    } else waiter.resolve(response.output);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
