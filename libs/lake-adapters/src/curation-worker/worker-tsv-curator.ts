import type { Worker } from 'node:worker_threads';
import type {
  TsvCurationOutput,
  TsvCurationSetup,
  TsvCurator,
  TsvCuratorFactory,
} from '@spapi-lake/ingestion';
import { TsvCurationWorkerError } from '../errors';
import { CurationThread, type CurationThreadOptions } from './curation-thread';
import { ownsBuffer } from './owns-buffer';

/** Options of {@link workerTsvCurator}. */
export interface WorkerTsvCuratorOptions extends CurationThreadOptions {
  /** Called with each worker thread started (not with a warm one taken up again). */
  readonly onWorkerStarted?: (worker: Worker) => void;
  /**
   * Starts a thread and parks it at once, so that the first document does not wait for it either:
   * it loads while the document is requested and downloaded.
   */
  readonly prestart?: boolean;
}

/** Opens worker-thread curators; `dispose` ends the thread kept warm between documents. */
export interface WorkerTsvCuratorFactory extends TsvCuratorFactory {
  dispose(): Promise<void>;
}

/**
 * TSV curation on a worker thread: parsing, encoding and compression run beside the thread that
 * downloads, decodes and uploads, so a document takes both cores. The thread of a document that
 * finished cleanly is parked for the next one (a Lambda container curates one document after
 * another), which saves starting a thread, loading its code and compiling it hot again. One thread
 * is kept at most; a thread that failed, whose document was abandoned, or that died while parked
 * is terminated or replaced. A parked thread keeps its heap and scratch buffers (about 40 MB after
 * a 50,000-row document) until `dispose` or the process ends.
 */
export function workerTsvCurator(options: WorkerTsvCuratorOptions): WorkerTsvCuratorFactory {
  const start = (): CurationThread => {
    const thread = new CurationThread(options);
    options.onWorkerStarted?.(thread.worker);
    return thread;
  };
  let idle: CurationThread | undefined;
  if (options.prestart) {
    idle = start();
    idle.park();
  }
  const take = (): CurationThread => {
    const warm = idle;
    idle = undefined;
    if (warm?.reusable) {
      warm.resume();
      return warm;
    }
    if (warm) void warm.terminate();
    return start();
  };
  const release = (thread: CurationThread, finished: boolean): Promise<void> => {
    if (finished && thread.reusable && idle === undefined) {
      thread.park();
      idle = thread;
      return Promise.resolve();
    }
    return thread.terminate();
  };

  const open = (setup: TsvCurationSetup): TsvCurator => {
    const thread = take();
    // Only a document that finished with no request failing leaves its thread to the next one.
    let finished = false;
    let failed = false;
    let closed: Promise<void> | undefined;
    const request: CurationThread['request'] = (message, transfer) =>
      closed
        ? Promise.reject(new TsvCurationWorkerError('the TSV curator is closed'))
        : thread.request(message, transfer);
    const opened = request({ type: 'open', setup });
    opened.catch(() => undefined);
    const output = async (
      message: Parameters<CurationThread['request']>[0],
      transfer?: ArrayBuffer[],
    ): Promise<TsvCurationOutput> => {
      try {
        await opened;
        const result = await request(message, transfer);
        if (!result) throw new TsvCurationWorkerError('the curation worker sent no output');
        return result;
      } catch (error) {
        failed = true;
        throw error;
      }
    };
    return {
      // The bytes move to the worker (their buffer is detached here), when they own their buffer.
      curate: (bytes) =>
        output({ type: 'curate', bytes }, ownsBuffer(bytes) ? [bytes.buffer as ArrayBuffer] : []),
      finish: async () => {
        const result = await output({ type: 'finish' });
        finished = true;
        return result;
      },
      close: () => {
        closed ??= release(thread, finished && !failed);
        return closed;
      },
    };
  };
  const dispose = async (): Promise<void> => {
    const warm = idle;
    idle = undefined;
    await warm?.terminate();
  };
  return Object.assign(open, { dispose });
}
