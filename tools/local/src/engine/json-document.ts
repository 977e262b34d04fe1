import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A JSON document in one file, read once and written atomically (temp file + rename) after each
 * change; in memory only when `filePath` is undefined. Writes are serialised.
 */
export class JsonDocument<T> {
  private value: T | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly filePath: string | undefined,
    private readonly initial: () => T,
  ) {}

  /** The current value (loaded from the file on first use). */
  async read(): Promise<T> {
    if (this.value === undefined) this.value = await this.load();
    return this.value;
  }

  /** Applies `change` to the value and persists it. */
  async update(change: (value: T) => void): Promise<void> {
    const value = await this.read();
    change(value);
    const text = `${JSON.stringify(value, null, 2)}\n`;
    const filePath = this.filePath;
    if (filePath === undefined) return;
    this.writing = this.writing.then(async () => {
      await mkdir(path.dirname(filePath), { recursive: true });
      const temporary = `${filePath}.${process.pid}.tmp`;
      await writeFile(temporary, text);
      await rename(temporary, filePath);
    });
    await this.writing;
  }

  private async load(): Promise<T> {
    if (this.filePath === undefined) return this.initial();
    try {
      return JSON.parse(await readFile(this.filePath, 'utf8')) as T;
    } catch (error) {
      if (Reflect.get(Object(error), 'code') === 'ENOENT') return this.initial();
      throw error;
    }
  }
}
