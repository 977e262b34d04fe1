import { Readable, type Writable } from 'node:stream';
import type { ObjectStore, ParquetColumn, ParquetRecord, ParquetSink } from '@spapi-lake/lake';

/** An ObjectStore over a Map, for unit tests of the use cases. */
export class InMemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, Buffer>();

  async putStream(key: string, body: Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
    const bytes = Buffer.concat(chunks);
    this.objects.set(key, bytes);
    return { key, bytes: bytes.length };
  }

  async putObject(key: string, body: Buffer | string) {
    const bytes = Buffer.from(body);
    this.objects.set(key, bytes);
    return { key, bytes: bytes.length };
  }

  async getStream(key: string) {
    return Readable.from([await this.getObject(key)]);
  }

  async getObject(key: string) {
    const bytes = this.objects.get(key);
    if (!bytes) throw new Error(`no object ${key}`);
    return bytes;
  }

  async exists(key: string) {
    return this.objects.has(key);
  }

  async *list(prefix: string) {
    for (const key of [...this.objects.keys()].sort()) {
      if (key.startsWith(prefix)) yield { key, size: this.objects.get(key)?.length ?? 0 };
    }
  }

  async deleteObject(key: string) {
    this.objects.delete(key);
  }
}

/** A ParquetSink that writes its columns and rows as JSON lines, so tests can read them back. */
export function jsonLinesSink(columns: readonly ParquetColumn[], output: Writable): ParquetSink {
  let rows = 0;
  output.write(`${JSON.stringify(columns.map((column) => column.name))}\n`);
  return {
    async appendRow(record: ParquetRecord) {
      rows += 1;
      output.write(`${JSON.stringify(record)}\n`);
    },
    async close() {
      output.end();
      return { rows, rowGroups: 1, bytes: 0 };
    },
  };
}
