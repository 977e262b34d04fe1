import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A JSON document in one local file: atomic writes (temporary file, then rename) and updates run
 * one at a time within the process. For the local runner only: no locking across processes.
 */
export class JsonFile<T> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly filePath: string,
    private readonly initial: () => T,
  ) {}

  /** The document, or the initial value when the file does not exist. */
  async read(): Promise<T> {
    try {
      // The document is this module's own output; its shape is checked by the callers' schemas.
      return JSON.parse(await readFile(this.filePath, 'utf8')) as T;
    } catch (error) {
      if (isMissing(error)) return this.initial();
      throw error;
    }
  }

  /** Applies `change` to the current document and writes the result; returns what `change` returned. */
  update<R>(change: (document: T) => { document: T; result: R }): Promise<R> {
    const run = this.queue.then(async () => {
      const { document, result } = change(await this.read());
      await mkdir(path.dirname(this.filePath), { recursive: true });
      const temporary = `${this.filePath}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600 });
      await rename(temporary, this.filePath);
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && Reflect.get(error, 'code') === 'ENOENT';
}
