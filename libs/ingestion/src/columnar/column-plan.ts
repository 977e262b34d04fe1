import type {
  ColumnarParquetEncoding,
  ParquetColumn,
  ParquetValueConverter,
} from '@spapi-lake/lake';
import type { ColumnDefinition, TsvLayout } from '@spapi-lake/reports';
import { vectorKind } from './column-builders';
import type { TsvCurationSetup } from './tsv-curator';

/** What the hot loop does for a column (one code per column, so the loop stays monomorphic). */
export const Op = {
  Missing: 0,
  Text: 1,
  Integer: 2,
  Decimal: 3,
  Timestamp: 4,
  Date: 5,
  Boolean: 6,
  OtherCell: 7,
  Position: 8,
  Constant: 9,
} as const;
export type Op = (typeof Op)[keyof typeof Op];

/** Where a Parquet column's value comes from in a line. */
export type Source =
  | {
      readonly from: 'field';
      /** -1 when the document lacks the column: always null. */
      readonly index: number;
      readonly definition: ColumnDefinition;
      /** The hot loop's op for the cell. */
      readonly op: Op;
    }
  | { readonly from: 'drift'; readonly index: number }
  | { readonly from: 'constant'; readonly value: string | number }
  | { readonly from: 'position' };

const utf8Encoder = new TextEncoder();

/**
 * How each Parquet column of a dataset's files is filled from a line of one document (its header
 * decides where each field is): the source, the hot loop's op and the numbers it needs, per column.
 */
export class ColumnPlan {
  readonly sources: readonly Source[];
  readonly ops: Uint8Array;
  /** The field a column reads (field and drift sources). */
  readonly fieldIndex: Int32Array;
  readonly scales: Int32Array;
  readonly precisions: Int32Array;
  readonly converters: readonly ParquetValueConverter[];
  /** The UTF-8 of string constants (lineage), by column. */
  readonly constantUtf8: readonly (Uint8Array | undefined)[];
  /** The value of constants stored as float64 (lineage instants as epoch ms), by column. */
  readonly constantFloat64: readonly (number | undefined)[];
  /** False when a lineage value itself does not fit its column: every row then fails slowly. */
  readonly fastPathOpen: boolean;
  /** The field the partition date comes from, when it comes from a column the document has. */
  readonly partitionColumn: { index: number; definition: ColumnDefinition } | undefined;

  constructor(setup: TsvCurationSetup, layout: TsvLayout, encoding: ColumnarParquetEncoding) {
    this.converters = setup.columns.map((column) => encoding.converter(column));
    const slotOf = new Map(layout.slots.map((slot) => [slot.column.name, slot]));
    // Drift names are unique (tsvLayout).
    const driftOf = new Map(layout.drift.map(({ index, name }) => [name, index]));
    const definitionOf = new Map(setup.dataset.columns.map((c) => [c.name, c]));
    this.sources = setup.columns.map((column): Source => {
      const definition = definitionOf.get(column.name);
      if (definition) {
        const slot = slotOf.get(column.name);
        return {
          from: 'field',
          index: slot ? slot.index : -1,
          definition,
          op: cellOp(definition, column),
        };
      }
      if (Object.hasOwn(setup.lineage, column.name)) {
        return {
          from: 'constant',
          value: setup.lineage[column.name as keyof typeof setup.lineage],
        };
      }
      if (column.name === '_source_position') return { from: 'position' };
      const index = driftOf.get(column.name);
      if (index === undefined) throw new Error(`column ${column.name} has no source in the header`);
      return { from: 'drift', index };
    });
    const count = this.sources.length;
    this.ops = new Uint8Array(count);
    this.fieldIndex = new Int32Array(count);
    this.scales = new Int32Array(count);
    this.precisions = new Int32Array(count);
    this.sources.forEach((source, c) => {
      const column = setup.columns[c] as ParquetColumn;
      this.scales[c] = column.scale ?? 0;
      this.precisions[c] = column.precision ?? 0;
      if (source.from === 'field' || source.from === 'drift') {
        this.fieldIndex[c] = source.index;
        this.ops[c] = source.index < 0 ? Op.Missing : source.from === 'drift' ? Op.Text : source.op;
      } else {
        this.ops[c] = source.from === 'position' ? Op.Position : Op.Constant;
      }
    });
    this.constantUtf8 = this.sources.map((source, c) =>
      source.from === 'constant' && vectorKind(setup.columns[c] as ParquetColumn) === 'string'
        ? utf8Encoder.encode(String(source.value))
        : undefined,
    );
    this.constantFloat64 = this.sources.map((source, c) =>
      source.from === 'constant' &&
      typeof source.value === 'number' &&
      vectorKind(setup.columns[c] as ParquetColumn) === 'float64'
        ? source.value
        : undefined,
    );
    this.fastPathOpen = this.sources.every((source, c) => {
      if (source.from !== 'constant') return true;
      try {
        this.converters[c]?.(source.value);
        return true;
      } catch {
        return false;
      }
    });
    const partitionSource = setup.dataset.partitionDate;
    let partitionColumn: ColumnPlan['partitionColumn'];
    if ('column' in partitionSource) {
      const slot = slotOf.get(partitionSource.column);
      const definition = definitionOf.get(partitionSource.column);
      if (definition) partitionColumn = { index: slot ? slot.index : -1, definition };
    }
    this.partitionColumn = partitionColumn;
  }

  /** A constant column's value; null for columns the document lacks. */
  constantOf(c: number): string | number | null {
    const source = this.sources[c];
    return source?.from === 'constant' ? source.value : null;
  }
}

function cellOp(definition: ColumnDefinition, column: ParquetColumn): Op {
  switch (definition.type) {
    case 'string':
      return Op.Text;
    case 'integer':
      return column.type === 'int64' ? Op.Integer : Op.OtherCell;
    case 'decimal':
      return column.type === 'decimal' ? Op.Decimal : Op.OtherCell;
    case 'timestamp':
      return Op.Timestamp;
    case 'date':
      return Op.Date;
    case 'boolean':
      return Op.Boolean;
    default:
      return Op.OtherCell;
  }
}
