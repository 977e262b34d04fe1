import type { ParquetValueConverter, StoredParquetValue } from '@spapi-lake/lake';
import { type DateConventions, parseCell } from '@spapi-lake/reports';
import type { ColumnBuilder } from './column-builders';
import { type ColumnPlan, Op, type Source } from './column-plan';
import type { DocumentText } from './document-text';
import { fastBoolean, fastDecimal, fastInteger, fastIsoDate, fastIsoSeconds } from './fast-cells';
import type { Builder } from './partition-buffers';
import { Utf8ColumnBuilder } from './utf8-column-builder';

/** A run of scanned lines being curated column by column (see TsvColumnarEngine). */
export interface ColumnRun {
  readonly plan: ColumnPlan;
  readonly text: DocumentText;
  readonly dateConventions: DateConventions;
  /** Int32s per line in `records`: start, end, field count, then each field's start and end. */
  readonly recordLength: number;
  /** The field of the partition timestamp (-1 if none), whose instants are in `runMs`. */
  readonly partitionField: number;
  readonly runMs: Float64Array;
  bytes: Uint8Array;
  records: Int32Array;
  /** The run's first line in `records`. */
  first: number;
  /** Its line number in the document. */
  firstLine: number;
}

/**
 * Fills column `c` of rows `slot..slot + rows)` from scanned lines `first..first + rows)`;
 * returns how many rows it filled before a cell the fast path does not take (`rows` if none).
 */
export function fillColumn(
  run: ColumnRun,
  c: number,
  builder: Builder,
  slot: number,
  rows: number,
): number {
  const { bytes, records, plan, recordLength, first } = run;
  const op = plan.ops[c];
  const field = plan.fieldIndex[c] ?? 0;
  const at = first * recordLength + 3 + 2 * field;
  let k = 0;
  try {
    if (op === Op.Text) {
      return (builder as Utf8ColumnBuilder).setRun(slot, bytes, records, at, recordLength, rows);
    }
    if (op === Op.Position) {
      const { present, numbers } = builder as ColumnBuilder;
      for (; k < rows; k++) {
        present[slot + k] = 1;
        numbers[slot + k] = run.firstLine + k;
      }
      return rows;
    }
    if (op === Op.Constant || op === Op.Missing) {
      const utf8 = plan.constantUtf8[c];
      const float64 = plan.constantFloat64[c];
      if (utf8 !== undefined) {
        (builder as Utf8ColumnBuilder).setEncodedRun(slot, rows, utf8);
      } else if (float64 !== undefined) {
        const numbers = builder as ColumnBuilder;
        numbers.present.fill(1, slot, slot + rows);
        numbers.numbers.fill(float64, slot, slot + rows);
      } else {
        for (; k < rows; k++) storeValue(builder, slot + k, plan.constantOf(c));
      }
      return rows;
    }
    const numbers = builder as ColumnBuilder;
    const { present } = numbers;
    const scale = plan.scales[c] ?? 0;
    const precision = plan.precisions[c] ?? 0;
    const runMs = field === run.partitionField ? run.runMs : undefined;
    for (let r = at; k < rows; k++, r += recordLength) {
      const s = records[r] as number;
      const e = records[r + 1] as number;
      const row = slot + k;
      if (s === e) {
        present[row] = 0;
        continue;
      }
      let value = Number.NaN;
      switch (op) {
        case Op.Integer:
        case Op.Timestamp:
          if (op === Op.Integer) value = fastInteger(bytes, s, e);
          else value = runMs ? (runMs[k] as number) : fastIsoSeconds(bytes, s, e);
          if (value === value) {
            present[row] = 1;
            numbers.numbers[row] = value;
            continue;
          }
          break;
        case Op.Decimal:
          value = fastDecimal(bytes, s, e, scale, precision);
          if (value === value) {
            present[row] = 1;
            numbers.numbers[row] = value;
            if (numbers.exact.size > 0) numbers.exact.delete(row);
            continue;
          }
          break;
        case Op.Date:
          value = fastIsoDate(bytes, s, e);
          if (value === value) {
            present[row] = 1;
            numbers.ints[row] = value;
            continue;
          }
          break;
        case Op.Boolean:
          value = fastBoolean(bytes, s, e);
          if (value === value) {
            present[row] = 1;
            numbers.bools[row] = value;
            continue;
          }
          break;
        default:
          break;
      }
      // Off the fast path: the row path's own parse and conversion (a failure throws).
      const source = plan.sources[c] as Extract<Source, { from: 'field' }>;
      const convert = plan.converters[c] as ParquetValueConverter;
      numbers.setStored(
        row,
        convert(parseCell(source.definition, run.text.decode(bytes, s, e), run.dateConventions)),
      );
    }
    return rows;
  } catch {
    return k;
  }
}

/** Stores a converted cell (constants, the slow path) in whichever builder the column has. */
export function storeValue(builder: Builder, row: number, value: StoredParquetValue): void {
  if (builder instanceof Utf8ColumnBuilder) {
    if (value === null) builder.setNull(row);
    else builder.setString(row, String(value));
  } else {
    builder.setStored(row, value);
  }
}
