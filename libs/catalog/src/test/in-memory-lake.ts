import { Readable, type Writable } from 'node:stream';
import {
  ObjectNotFoundError,
  type ObjectStore,
  type ObjectSummary,
  type ParquetColumn,
  type ParquetRecord,
  type ParquetSink,
  type PutObjectResult,
} from '@spapi-lake/lake';
import type { ParquetSinkFactory } from '@spapi-lake/ingestion';

/** An ObjectStore in memory (tests of the domain use cases). */
export class InMemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, Buffer>();
  readonly deleted: string[] = [];

  async putStream(key: string, body: Readable): Promise<PutObjectResult> {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
    return this.putObject(key, Buffer.concat(chunks));
  }

  async putObject(key: string, body: Buffer | string): Promise<PutObjectResult> {
    const bytes = Buffer.from(body);
    this.objects.set(key, bytes);
    return { key, bytes: bytes.length };
  }

  async getStream(key: string): Promise<Readable> {
    return Readable.from([await this.getObject(key)]);
  }

  async getObject(key: string): Promise<Buffer> {
    const object = this.objects.get(key);
    if (object === undefined) throw new ObjectNotFoundError(`no object ${key}`);
    return object;
  }

  async exists(key: string): Promise<boolean> {
    return this.objects.has(key);
  }

  async *list(prefix: string): AsyncIterable<ObjectSummary> {
    const keys = [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
    for (const key of keys) yield { key, size: this.objects.get(key)?.length ?? 0 };
  }

  async deleteObject(key: string): Promise<void> {
    this.deleted.push(key);
    this.objects.delete(key);
  }

  /** Keys under `prefix`, sorted. */
  keys(prefix = ''): string[] {
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  /** The JSON document at `key`. */
  json(key: string): unknown {
    return JSON.parse(this.objects.get(key)?.toString('utf8') ?? 'null');
  }

  /** Rows of a file written by {@link jsonLinesSinkFactory}. */
  rows(key: string): Record<string, unknown>[] {
    const text = this.objects.get(key)?.toString('utf8') ?? '';
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

/**
 * A ParquetSinkFactory writing JSON lines instead of Parquet (the domain tests check rows, not the
 * file format); rejects a row with a column the schema does not have, like the real sink.
 */
export const jsonLinesSinkFactory: ParquetSinkFactory = (
  columns: readonly ParquetColumn[],
  output: Writable,
): ParquetSink => {
  const names = new Set(columns.map((column) => column.name));
  let rows = 0;
  return {
    async appendRow(record: ParquetRecord) {
      const unknown = Object.keys(record).filter((name) => !names.has(name));
      if (unknown.length > 0) throw new Error(`unknown columns ${unknown.join(',')}`);
      const missing = columns.filter((c) => !c.nullable && (record[c.name] ?? null) === null);
      if (missing.length > 0) throw new Error(`null in ${missing.map((c) => c.name).join(',')}`);
      rows += 1;
      output.write(
        `${JSON.stringify(record, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))}\n`,
      );
    },
    async close() {
      await new Promise<void>((resolve) => output.end(resolve));
      return { rows, rowGroups: 1, bytes: 0 };
    },
  };
};

/** A clock that only moves when told. */
export class FixedClock {
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
}
