import type { Writable } from 'node:stream';
import type { ParquetColumn, ParquetRecord, ParquetSink } from '@spapi-lake/lake';
import type { ParquetSinkFactory } from '@spapi-lake/ingestion';

import { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';

/** The in-memory store, reading back the rows of files written by {@link jsonLinesSinkFactory}. */
export class InMemoryLake extends InMemoryObjectStore {
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
