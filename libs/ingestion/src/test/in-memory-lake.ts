import type { Writable } from 'node:stream';
import type { ParquetColumn, ParquetRecord, ParquetSink } from '@spapi-lake/lake';

export { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';

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
