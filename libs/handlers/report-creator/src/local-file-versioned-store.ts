import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { StateStoreRequestError } from './errors';
import type { PutOptions, VersionedRecord, VersionedStore } from './versioned-store';

interface StoredRecord<T> {
  readonly version: number;
  readonly record: T;
  readonly expiresAt?: number;
}

type Document<T> = Record<string, StoredRecord<T>>;

// Per file, not per instance: two stores on one file in a process still write one at a time.
const queues = new Map<string, Promise<unknown>>();

/**
 * Versioned records in one local JSON file (`{ <key>: { version, record } }`), for tests and the
 * local runner. Writes go to a temporary file renamed over the old one (a reader never sees half a
 * document) and run one at a time within the process; the version check is the same as DynamoDB's.
 * No locking across processes.
 */
export class LocalFileVersionedStore<T> implements VersionedStore<T> {
  private readonly documentSchema: z.ZodType<Document<T>>;

  constructor(
    readonly filePath: string,
    schema: z.ZodType<T>,
  ) {
    this.documentSchema = z.record(
      z.string(),
      z.object({
        version: z.int().positive(),
        record: schema,
        expiresAt: z.number().optional(),
      }),
    );
  }

  async get(key: string): Promise<VersionedRecord<T> | undefined> {
    await this.pending();
    const stored = (await this.read())[key];
    return stored === undefined ? undefined : { value: stored.record, version: stored.version };
  }

  async getMany(keys: readonly string[]): Promise<ReadonlyMap<string, T>> {
    await this.pending();
    const document = await this.read();
    const found = new Map<string, T>();
    for (const key of keys) {
      const stored = document[key];
      if (stored !== undefined) found.set(key, stored.record);
    }
    return found;
  }

  put(
    key: string,
    value: T,
    expectedVersion: number | undefined,
    options: PutOptions = {},
  ): Promise<boolean> {
    const run = this.pending().then(async () => {
      const document = await this.read();
      if (document[key]?.version !== expectedVersion) return false;
      const stored: StoredRecord<T> = {
        version: (expectedVersion ?? 0) + 1,
        record: value,
        ...(options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt }),
      };
      await this.write({ ...document, [key]: stored });
      return true;
    });
    queues.set(
      this.filePath,
      run.catch(() => undefined),
    );
    return run;
  }

  private pending(): Promise<unknown> {
    return queues.get(this.filePath) ?? Promise.resolve();
  }

  private async read(): Promise<Document<T>> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if (Reflect.get(Object(error), 'code') === 'ENOENT') return {};
      throw error;
    }
    const parsed = this.documentSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new StateStoreRequestError(`${this.filePath} is not a state file this code can read`, {
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  private async write(document: Document<T>): Promise<void> {
    await mkdir(path.dirname(this.filePath), { recursive: true });
    const temporary = `${this.filePath}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(document, null, 2)}\n`);
    await rename(temporary, this.filePath);
  }
}
