import iconv from 'iconv-lite';
import type { ColumnVector } from '@spapi-lake/lake';
import { DocumentText } from './document-text';
import { Utf8ColumnBuilder } from './utf8-column-builder';

// The values a string column's vector holds, in row order (null for absent rows).
function valuesOf(vector: ColumnVector, rows: number): (string | null)[] {
  const decode = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
  const values: (string | null)[] = [];
  if (vector.kind === 'dictionary') {
    for (let row = 0; row < rows; row++) {
      const entry = vector.ids[row] ?? 0;
      const from = (vector.entryOffsets[entry] ?? 0) + 4;
      values.push(
        vector.present[row]
          ? decode(vector.entries.subarray(from, vector.entryOffsets[entry + 1]))
          : null,
      );
    }
    return values;
  }
  if (vector.kind !== 'plain-bytes') throw new Error(`not a string vector: ${vector.kind}`);
  const view = new DataView(vector.values.buffer, vector.values.byteOffset);
  let at = 0;
  for (let row = 0; row < rows; row++) {
    if (!vector.present[row]) {
      values.push(null);
      continue;
    }
    const length = view.getUint32(at, true);
    values.push(decode(vector.values.subarray(at + 4, at + 4 + length)));
    at += 4 + length;
  }
  expect(at).toBe(vector.values.length);
  return values;
}

const high = iconv.decode(
  Buffer.from(Array.from({ length: 128 }, (_, k) => 0x80 + k)),
  'windows-1252',
);

describe('Utf8ColumnBuilder', () => {
  it('keeps repeating values as a dictionary, transcoding non-ASCII cells once per value', () => {
    const builder = new Utf8ColumnBuilder(new DocumentText({ kind: 'single-byte', high }), 4);
    const cells = ['Mühle', 'Cup', '', 'Mühle', '€ 5'];
    const bytes = Buffer.from(cells.map((cell) => cell.replace('€', '\x80')).join('\t'), 'latin1');
    builder.resize(8);
    let start = 0;
    cells.forEach((cell, row) => {
      const end = bytes.indexOf(9, start) === -1 ? bytes.length : bytes.indexOf(9, start);
      if (end === start) builder.setNull(row);
      else expect(builder.set(row, bytes, start, end)).toBe(true);
      start = end + 1;
    });
    const vector = builder.vector(cells.length);
    expect(vector.kind).toBe('dictionary');
    expect(vector.kind === 'dictionary' && vector.count).toBe(3);
    expect(valuesOf(vector, cells.length)).toEqual(['Mühle', 'Cup', null, 'Mühle', '€ 5']);
  });

  it.each([
    ['UTF-8', { kind: 'utf-8' } as const, 'utf8' as const],
    ['Windows-1252', { kind: 'single-byte', high } as const, 'latin1' as const],
  ])(
    'turns to plain values once the values stop repeating, keeping every row so far (%s)',
    (_name, encoding, bufferEncoding) => {
      const builder = new Utf8ColumnBuilder(new DocumentText(encoding), 4000);
      const expected: (string | null)[] = [];
      for (let row = 0; row < 3000; row++) {
        if (row % 7 === 3) {
          builder.setNull(row);
          expected.push(null);
          continue;
        }
        const value = row % 2 ? `order-${row}-ü` : `order-${row}`;
        const bytes = Buffer.from(`\t${value}\t`, bufferEncoding);
        expect(builder.set(row, bytes, 1, bytes.length - 1)).toBe(true);
        expected.push(value);
      }
      const vector = builder.vector(3000);
      expect(vector.kind).toBe('plain-bytes');
      expect(valuesOf(vector, 3000)).toEqual(expected);
    },
  );

  it('stores a constant once in the dictionary, and again after a reset or in plain values', () => {
    const builder = new Utf8ColumnBuilder(new DocumentText({ kind: 'utf-8' }), 8);
    const constant = Buffer.from('Größe');
    for (let row = 0; row < 3; row++) builder.setEncoded(row, constant);
    builder.setString(3, 'other');
    builder.setEncoded(4, constant);
    const first = builder.vector(5);
    expect(valuesOf(first, 5)).toEqual(['Größe', 'Größe', 'Größe', 'other', 'Größe']);
    expect(first.kind === 'dictionary' && first.count).toBe(2);
    builder.reset();
    builder.setString(0, 'first after reset');
    builder.setEncoded(1, constant);
    const second = builder.vector(2);
    expect(valuesOf(second, 2)).toEqual(['first after reset', 'Größe']);
    expect(second.kind === 'dictionary' && second.count).toBe(2);
  });

  it.each([
    ['a dictionary', 0],
    ['plain values', 2000],
  ])('sets a run of rows to a constant, in %s', (_, before) => {
    const builder = new Utf8ColumnBuilder(new DocumentText({ kind: 'utf-8' }), before + 5);
    const expected: (string | null)[] = [];
    for (let row = 0; row < before; row++) {
      builder.setString(row, `unique ${row}`);
      expected.push(`unique ${row}`);
    }
    builder.setEncodedRun(before, 4, Buffer.from('Größe'));
    builder.setString(before + 4, 'after');
    expected.push('Größe', 'Größe', 'Größe', 'Größe', 'after');
    const vector = builder.vector(before + 5);
    expect(vector.kind).toBe(before > 0 ? 'plain-bytes' : 'dictionary');
    expect(valuesOf(vector, before + 5)).toEqual(expected);
  });

  it('overwrites a row written again (an abandoned row leaves no trace)', () => {
    for (const values of [['a', 'b', 'c'], Array.from({ length: 2000 }, (_, i) => `v${i}`)]) {
      const builder = new Utf8ColumnBuilder(new DocumentText({ kind: 'utf-8' }), values.length);
      values.forEach((value, row) => {
        builder.setString(row, 'abandoned value');
        if (row % 2) builder.setNull(row);
        builder.setString(row, value);
      });
      expect(valuesOf(builder.vector(values.length), values.length)).toEqual(values);
    }
  });

  it('tells apart values that share their length, first, middle and last bytes', () => {
    // Such values share a slot of the recently-seen cells, so each one displaces the other there.
    const builder = new Utf8ColumnBuilder(new DocumentText({ kind: 'single-byte', high }), 400);
    const cells = ['aXcYe', 'aZcWe', 'a\x80c\x80e', 'aXcYe', 'A', 'aZcWe', 'a\x80c\x80e'];
    const expected: string[] = [];
    for (let row = 0; row < 400; row++) {
      const cell = cells[(row * 5) % cells.length] as string;
      const bytes = Buffer.from(`\t${cell}`, 'latin1');
      expect(builder.set(row, bytes, 1, bytes.length)).toBe(true);
      expected.push(cell.replaceAll('\x80', '€'));
    }
    const vector = builder.vector(400);
    expect(vector.kind === 'dictionary' && vector.count).toBe(4);
    expect(valuesOf(vector, 400)).toEqual(expected);
  });

  it('transcodes each of two alternating values once, though they fall in the same set of slots', () => {
    // Same length, and the same set of recently seen cells: with one slot per set they would evict
    // each other on every row and be hashed and transcoded each time.
    const text = new DocumentText({ kind: 'single-byte', high });
    const transcode = jest.spyOn(text, 'writeUtf8');
    const builder = new Utf8ColumnBuilder(text, 200);
    const cells = ['Crème brûlée Förmchen (6 Stück)', 'Fußball Größe 5 – Trainingsball'];
    const encoded = cells.map((cell) => iconv.encode(cell, 'windows-1252'));
    for (let row = 0; row < 200; row++) {
      const bytes = encoded[row % 2] as Buffer;
      expect(builder.set(row, bytes, 0, bytes.length)).toBe(true);
    }
    expect(transcode).toHaveBeenCalledTimes(2);
    expect(valuesOf(builder.vector(200), 2)).toEqual(cells);
  });

  it('refuses invalid UTF-8 however often it repeats (no cell is remembered that failed)', () => {
    const builder = new Utf8ColumnBuilder(new DocumentText({ kind: 'utf-8' }), 3);
    const valid = Buffer.from('Mühle', 'utf8');
    const invalid = Uint8Array.from([0x61, 0xc3, 0x62]);
    expect(builder.set(0, valid, 0, valid.length)).toBe(true);
    expect(builder.set(1, invalid, 0, 3)).toBe(false);
    expect(builder.set(1, invalid, 0, 3)).toBe(false);
    expect(builder.set(2, valid, 0, valid.length)).toBe(true);
  });

  it('sets a run of cells from their bounds, across the turn to plain values and nulls', () => {
    // 3,000 cells of one column in a record layout of stride 5 (start at +1, end at +2), as the
    // scan kernel lays out lines: cut in runs of 700, the turn to plain values falls inside one.
    const builder = new Utf8ColumnBuilder(new DocumentText({ kind: 'single-byte', high }), 3000);
    const cells = Array.from({ length: 3000 }, (_, row) =>
      row % 11 === 4 ? '' : row % 3 ? `order-${row}-\x80` : `order-${row}`,
    );
    const bytes = Buffer.from(cells.join('\t'), 'latin1');
    const stride = 5;
    const records = new Int32Array(cells.length * stride);
    let start = 0;
    cells.forEach((cell, row) => {
      records[row * stride + 1] = start;
      records[row * stride + 2] = start + cell.length;
      start += cell.length + 1;
    });
    for (let slot = 0; slot < cells.length; slot += 700) {
      const rows = Math.min(700, cells.length - slot);
      expect(builder.setRun(slot, bytes, records, slot * stride + 1, stride, rows)).toBe(rows);
    }
    const vector = builder.vector(cells.length);
    expect(vector.kind).toBe('plain-bytes');
    expect(valuesOf(vector, cells.length)).toEqual(
      cells.map((cell) => (cell === '' ? null : cell.replace('\x80', '€'))),
    );
  });

  it('gives a cell equal to the one before it that entry, across a null between them', () => {
    const builder = new Utf8ColumnBuilder(new DocumentText({ kind: 'utf-8' }), 6);
    const cells = ['B', 'A', '', 'A', 'A', 'B'];
    const bytes = Buffer.from(cells.join('\t'));
    const records = new Int32Array(cells.length * 2);
    let start = 0;
    cells.forEach((cell, row) => {
      records[row * 2] = start;
      records[row * 2 + 1] = start + cell.length;
      start += cell.length + 1;
    });
    expect(builder.setRun(0, bytes, records, 0, 2, cells.length)).toBe(cells.length);
    expect(valuesOf(builder.vector(cells.length), cells.length)).toEqual(
      cells.map((cell) => cell || null),
    );
  });

  it.each([
    ['a dictionary', 0],
    ['plain values', 2000],
  ])('stops a run at the first invalid cell, in %s, and says how many rows it set', (_, before) => {
    const builder = new Utf8ColumnBuilder(new DocumentText({ kind: 'utf-8' }), before + 3);
    for (let row = 0; row < before; row++) builder.setString(row, `unique ${row}`);
    const bytes = Buffer.concat([
      Buffer.from('ok\t'),
      Uint8Array.from([0x61, 0xc3]),
      Buffer.from('\tok'),
    ]);
    const records = Int32Array.of(0, 2, 3, 5, 6, 8);
    expect(builder.setRun(before, bytes, records, 0, 2, 3)).toBe(1);
  });

  it('refuses bytes that are not valid UTF-8, so the line takes the slow path', () => {
    const builder = new Utf8ColumnBuilder(new DocumentText({ kind: 'utf-8' }), 1);
    expect(builder.set(0, Uint8Array.from([0x61, 0xc3]), 0, 2)).toBe(false);
  });
});
