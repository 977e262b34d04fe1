import {
  type ColumnarParquetEncoding,
  type ParquetColumn,
  ParquetRowError,
  type ParquetValueConverter,
} from '@spapi-lake/lake';
import {
  type CellValue,
  type DriftValue,
  type ParseContext,
  type TsvLayout,
  parseCell,
  parseTsvLine,
  partitionDateOf,
  tsvLayout,
} from '@spapi-lake/reports';
import { type ColumnRun, fillColumn, storeValue } from './column-run';
import { ColumnPlan, type Source } from './column-plan';
import { DocumentText } from './document-text';
import { fastIsoDate, fastIsoSeconds } from './fast-cells';
import { type Builder, type Partition, PartitionBuffers } from './partition-buffers';
import { LINES_PER_SCAN, TsvScanKernel } from './tsv-scan-kernel';
import type { QuarantinedLine, TsvCurationOutput, TsvCurationSetup } from './tsv-curator';

const DAY_MS = 86_400_000;

/**
 * The synchronous core of TSV curation, column-wise, on the document's bytes: finds lines and
 * fields in one pass, parses cells straight into per-partition column vectors (fast paths for the
 * common forms, `parseCell` and the Parquet converters otherwise), and encodes a partition's row
 * group once it is full or once the partitions together buffer more than `maxBufferedRows` rows.
 * Any line the fast path does not fully accept is decoded and parsed again by `parseTsvLine`, the
 * row path's own function, so every row is curated or quarantined exactly as the row path would.
 */
export class TsvColumnarEngine {
  private readonly layout: TsvLayout;
  private readonly context: ParseContext;
  private readonly text: DocumentText;
  private readonly columns: readonly ParquetColumn[];
  private readonly plan: ColumnPlan;
  private readonly buffers: PartitionBuffers;
  private readonly windowDt: string;
  private readonly kernel: TsvScanKernel;
  /** The kernel's records while a scan's lines are curated. */
  private records: Int32Array;
  /** Where the current line's record starts in `records`: field k at `+ 3 + 2k` and `+ 4 + 2k`. */
  private record = 0;
  /** Pieces of a line that has not ended yet. */
  private pending: Uint8Array[] = [];
  private line: number;
  private lastDay = Number.NaN;
  /**
   * The line's partition instant as partitionOf parsed it (NaN when it could not), and the field it
   * came from (-1 unless the partition column is a timestamp the document has).
   */
  private partitionMs = Number.NaN;
  private readonly partitionField: number;
  private lastDayPartition: Partition | undefined;
  /** The partition instant of each line of a run, as partitionOf parsed it. */
  private readonly runMs = new Float64Array(LINES_PER_SCAN);
  /** What fillColumn reads of the run being curated (one object, updated per run). */
  private readonly run: ColumnRun;
  /**
   * The longest run to try: one line after a refused cell, doubling with each run that passes.
   * The columns before a refused one are filled for the whole run and done again for the lines
   * after it, so runs as long as a scan would make a document of bad lines quadratic.
   */
  private runCap = LINES_PER_SCAN;
  private quarantined: QuarantinedLine[] = [];
  private finished = false;

  constructor(
    private readonly setup: TsvCurationSetup,
    private readonly encoding: ColumnarParquetEncoding,
  ) {
    this.layout = tsvLayout(setup.dataset, setup.header);
    this.context = { windowStart: setup.windowStart, dateConventions: setup.dateConventions };
    this.text = new DocumentText(setup.text);
    this.columns = setup.columns;
    this.line = setup.firstLine;
    this.plan = new ColumnPlan(setup, this.layout, encoding);
    this.buffers = new PartitionBuffers(setup, encoding, this.text);
    this.kernel = new TsvScanKernel(this.layout.width);
    this.records = this.kernel.records;
    this.windowDt = setup.windowStart.slice(0, 10);
    const partitionColumn = this.plan.partitionColumn;
    this.partitionField =
      partitionColumn?.definition.type === 'timestamp' ? partitionColumn.index : -1;
    this.run = {
      plan: this.plan,
      text: this.text,
      dateConventions: setup.dateConventions,
      recordLength: this.kernel.recordLength,
      partitionField: this.partitionField,
      runMs: this.runMs,
      bytes: new Uint8Array(0),
      records: this.records,
      first: 0,
      firstLine: 0,
    };
  }

  /**
   * Curates the complete lines of `bytes` (the rest, copied, waits for the next call or `finish`).
   * No reference to `bytes` is kept: the caller may refill them as soon as this returns.
   */
  curate(bytes: Uint8Array): TsvCurationOutput {
    if (this.finished) throw new Error('the TSV curation is finished');
    let from = 0;
    if (this.pending.length > 0) {
      // The line begun by earlier bytes: its pieces are kept until it ends, then joined once.
      const end = bytes.indexOf(10);
      if (end === -1) {
        this.pending.push(bytes.slice());
        return this.takeOutput();
      }
      this.pending.push(bytes.subarray(0, end + 1));
      this.scanLines(this.takePending(), 0);
      from = end + 1;
    }
    this.scanLines(bytes, from);
    return this.takeOutput();
  }

  // The kernel finds line ends and tabs; an unterminated rest is kept as pending.
  private scanLines(bytes: Uint8Array, from: number): void {
    const { kernel } = this;
    kernel.load(bytes);
    this.records = kernel.records;
    let next = from;
    for (;;) {
      const lines = kernel.scan(next);
      for (let line = 0; line < lines;) line = this.curateLines(bytes, line, lines);
      next = kernel.next;
      if (lines < LINES_PER_SCAN) break;
    }
    if (next < bytes.length) this.pending.push(bytes.slice(next));
  }

  /**
   * Curates scanned line `first` and, column by column, the lines after it that go to the same
   * partition and row group (a run); returns the next line to curate. A cell the fast path does not
   * take cuts the run before its line, which the slow path then curates.
   */
  private curateLines(bytes: Uint8Array, first: number, lines: number): number {
    const { records, layout } = this;
    const recordLength = this.kernel.recordLength;
    let record = first * recordLength;
    this.record = record;
    const start = records[record] as number;
    const end = records[record + 1] as number;
    const partition =
      this.plan.fastPathOpen &&
      records[record + 2] === layout.width &&
      !this.isBlank(bytes, start, end)
        ? this.partitionOf(bytes)
        : undefined;
    if (partition === undefined) {
      this.curateSplitLine(bytes, start, end);
      return first + 1;
    }
    const runMs = this.runMs;
    runMs[0] = this.partitionMs;
    const limit = Math.min(this.buffers.rowsBeforeEncoding(partition), lines - first, this.runCap);
    let n = 1;
    while (n < limit) {
      record += recordLength;
      this.record = record;
      if (
        records[record + 2] !== layout.width ||
        this.isBlank(bytes, records[record] as number, records[record + 1] as number) ||
        this.partitionOf(bytes) !== partition
      ) {
        break;
      }
      runMs[n++] = this.partitionMs;
    }
    const builders = this.buffers.buildersForRun(partition, n);
    const run = this.run;
    run.bytes = bytes;
    run.records = records;
    run.first = first;
    run.firstLine = this.line;
    let rows = n;
    for (let c = 0; c < builders.length && rows > 0; c++) {
      rows = fillColumn(run, c, builders[c] as Builder, partition.rows, rows);
    }
    for (let k = 0; k < rows; k++) this.buffers.accept(partition);
    this.line += rows;
    if (rows === n) {
      this.runCap = Math.min(this.runCap * 2, LINES_PER_SCAN);
      return first + n;
    }
    this.runCap = 1;
    // The line whose cell the fast path refused.
    record = (first + rows) * recordLength;
    this.curateSlow(
      this.text.decode(bytes, records[record] as number, records[record + 1] as number),
      this.line++,
    );
    return first + rows + 1;
  }

  // A line the fast path cannot take whole (or a blank one, skipped).
  private curateSplitLine(bytes: Uint8Array, start: number, end: number): void {
    const position = this.line++;
    if (this.isBlank(bytes, start, end)) return;
    this.curateSlow(this.text.decode(bytes, start, end), position);
  }

  // Lines that trim to nothing are skipped, as in the row path.
  private isBlank(bytes: Uint8Array, start: number, end: number): boolean {
    for (let i = start; i < end; i++) {
      const byte = bytes[i] ?? 0;
      // Anything but ASCII whitespace or a non-ASCII byte (which may be a Unicode space) shows text.
      if (byte > 32 && byte < 0x80) return false;
      if (byte < 9) return false;
      if (byte > 13 && byte < 32) return false;
    }
    return this.text.decode(bytes, start, end).trim() === '';
  }

  /** Curates a last unterminated line, writes every buffered row group and ends every file. */
  finish(): TsvCurationOutput {
    if (this.finished) throw new Error('the TSV curation is finished');
    if (this.pending.length > 0) {
      // A line without a line break: scanned as one that has it.
      this.pending.push(Uint8Array.of(10));
      this.scanLines(this.takePending(), 0);
    }
    this.finished = true;
    this.buffers.finish();
    return this.takeOutput();
  }

  private takePending(): Uint8Array {
    const pieces = this.pending;
    this.pending = [];
    let length = 0;
    for (const piece of pieces) length += piece.length;
    const joined = new Uint8Array(length);
    let at = 0;
    for (const piece of pieces) {
      joined.set(piece, at);
      at += piece.length;
    }
    return joined;
  }

  private takeOutput(): TsvCurationOutput {
    const output = { parts: this.buffers.takeParts(), quarantined: this.quarantined };
    this.quarantined = [];
    return output;
  }

  // The line's partition from its fields, or undefined when the slow path must decide.
  private partitionOf(bytes: Uint8Array): Partition | undefined {
    const column = this.plan.partitionColumn;
    if (column === undefined) {
      return 'window' in this.setup.dataset.partitionDate
        ? this.buffers.partitionFor(this.windowDt)
        : undefined;
    }
    if (column.index < 0) return undefined;
    const s = this.records[this.record + 3 + 2 * column.index] as number;
    const e = this.records[this.record + 4 + 2 * column.index] as number;
    let day = Number.NaN;
    this.partitionMs = Number.NaN;
    if (column.definition.type === 'timestamp') {
      const ms = fastIsoSeconds(bytes, s, e);
      this.partitionMs = ms;
      day = Math.floor(ms / DAY_MS);
    } else if (column.definition.type === 'date') {
      day = fastIsoDate(bytes, s, e);
    }
    if (day === day) {
      if (day === this.lastDay && this.lastDayPartition) return this.lastDayPartition;
      const partition = this.buffers.partitionFor(
        new Date(day * DAY_MS).toISOString().slice(0, 10),
      );
      this.lastDay = day;
      this.lastDayPartition = partition;
      return partition;
    }
    if (s === e) return undefined;
    try {
      const value: CellValue = parseCell(
        column.definition,
        this.text.decode(bytes, s, e),
        this.context.dateConventions,
      );
      return this.buffers.partitionFor(
        partitionDateOf(this.setup.dataset, { [column.definition.name]: value }, this.context),
      );
    } catch {
      return undefined;
    }
  }

  private curateSlow(line: string, position: number): void {
    const record = parseTsvLine(this.layout, line, position, this.context);
    if (record.kind === 'quarantine') {
      this.quarantined.push({ position, reason: record.reason, raw: record.raw });
      return;
    }
    this.buffers.partitionFor(record.partitionDate).opened = true;
    const stored = [];
    try {
      for (let c = 0; c < this.columns.length; c++) {
        const column = this.columns[c] as ParquetColumn;
        const source = this.plan.sources[c] as Source;
        const value =
          source.from === 'field'
            ? record.values[column.name]
            : source.from === 'drift'
              ? textOf(record.drift[column.name])
              : source.from === 'position'
                ? position
                : source.value;
        stored.push((this.plan.converters[c] as ParquetValueConverter)(value ?? null));
      }
    } catch (error) {
      // A value the Parquet schema cannot hold fails that row only, quarantined as the row path does.
      if (!(error instanceof ParquetRowError)) throw error;
      this.quarantined.push({
        position,
        raw: JSON.stringify({ ...record.values, ...record.drift }),
        reason: error.message,
      });
      return;
    }
    const partition = this.buffers.partitionFor(record.partitionDate);
    const builders = this.buffers.buildersFor(partition);
    for (let c = 0; c < builders.length; c++) {
      storeValue(builders[c] as Builder, partition.rows, stored[c] ?? null);
    }
    this.buffers.accept(partition);
  }
}

// A TSV row's drift is the cell's text (or null).
function textOf(value: DriftValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}
