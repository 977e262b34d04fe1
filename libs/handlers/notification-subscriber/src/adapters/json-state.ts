import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A JSON document kept in memory, or in one local file when `filePath` is given (atomic writes:
 * temporary file, then rename). Changes run one at a time within the process; no locking across
 * processes: for tests and the local runner only.
 */
export class JsonState<T> {
  private queue: Promise<unknown> = Promise.resolve();
  private memory: T;

  constructor(
    private readonly initial: () => T,
    readonly filePath?: string,
  ) {
    this.memory = initial();
  }

  /** The current document. */
  read(): Promise<T> {
    return this.serialised(() => this.load());
  }

  /** Applies `change` to the document and keeps the result; returns what `change` returned. */
  update<R>(change: (document: T) => { document: T; result: R }): Promise<R> {
    return this.serialised(async () => {
      const { document, result } = change(await this.load());
      await this.save(document);
      return result;
    });
  }

  private serialised<R>(work: () => Promise<R>): Promise<R> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<T> {
    if (this.filePath === undefined) return structuredClone(this.memory);
    try {
      // Our own output; callers treat it as their document type.
      return JSON.parse(await readFile(this.filePath, 'utf8')) as T;
    } catch (error) {
      if (typeof error === 'object' && error !== null && Reflect.get(error, 'code') === 'ENOENT') {
        return this.initial();
      }
      throw error;
    }
  }

  private async save(document: T): Promise<void> {
    if (this.filePath === undefined) {
      this.memory = structuredClone(document);
      return;
    }
    await mkdir(path.dirname(this.filePath), { recursive: true });
    const temporary = `${this.filePath}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.filePath);
  }
}
