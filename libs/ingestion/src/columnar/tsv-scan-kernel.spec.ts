import { LINES_PER_SCAN, TsvScanKernel } from './tsv-scan-kernel';

// The kernel against the plainest reading of the same rules: lines end at LF (a CR before it is not
// part of the line), fields are cut at tabs, and an unterminated rest is not a line.

interface Line {
  start: number;
  end: number;
  fields: [number, number][];
}

function expectedLines(bytes: Uint8Array, from: number): { lines: Line[]; rest: number } {
  const lines: Line[] = [];
  let start = from;
  for (let lf = bytes.indexOf(10, start); lf !== -1; lf = bytes.indexOf(10, start)) {
    const end = lf > start && bytes[lf - 1] === 13 ? lf - 1 : lf;
    const fields: [number, number][] = [];
    let fieldStart = start;
    for (let i = start; i < end; i++) {
      if (bytes[i] === 9) {
        fields.push([fieldStart, i]);
        fieldStart = i + 1;
      }
    }
    fields.push([fieldStart, end]);
    lines.push({ start, end, fields });
    start = lf + 1;
  }
  return { lines, rest: start };
}

// Every line the kernel records from `from` on, scan after scan, as the engine reads them.
function scannedLines(kernel: TsvScanKernel, width: number, from: number) {
  const lines: Line[] = [];
  let next = from;
  let scans = 0;
  for (;;) {
    const count = kernel.scan(next);
    scans++;
    const { records, recordLength } = kernel;
    for (let line = 0; line < count; line++) {
      const at = line * recordLength;
      const fieldCount = records[at + 2] ?? -1;
      const fields: [number, number][] = [];
      for (let k = 0; k < Math.min(fieldCount, width); k++) {
        fields.push([records[at + 3 + 2 * k] ?? -1, records[at + 4 + 2 * k] ?? -1]);
      }
      lines.push({ start: records[at] ?? -1, end: records[at + 1] ?? -1, fields });
      // Fields past `width` are counted, not placed.
      for (let k = width; k < fieldCount; k++) fields.push([-1, -1]);
    }
    next = kernel.next;
    if (count < LINES_PER_SCAN) return { lines, rest: next, scans };
  }
}

function placed(lines: Line[], width: number): Line[] {
  return lines.map((line) => ({
    ...line,
    fields: line.fields.map((field, k) => (k < width ? field : [-1, -1])),
  }));
}

// Bytes drawn mostly from tabs, line breaks, CRs and text, including every byte above 13.
function randomBytes(length: number, seed: number): Uint8Array {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state >>> 8;
  };
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const pick = next() % 20;
    bytes[i] =
      pick === 0 ? 10 : pick < 4 ? 9 : pick === 4 ? 13 : pick === 5 ? next() % 14 : next() % 256;
  }
  return bytes;
}

describe('TsvScanKernel', () => {
  it('records lines, their field count and the first width fields, as the rules read them', () => {
    const bytes = Buffer.from('a\tbb\tccc\r\n\n\t\r\nx\ty\tz\tw\textra\r\r\nlast\tline');
    const kernel = new TsvScanKernel(4);
    kernel.load(bytes);
    const { lines, rest } = scannedLines(kernel, 4, 0);
    expect(lines).toEqual(placed(expectedLines(bytes, 0).lines, 4));
    expect(lines.map((line) => line.fields.length)).toEqual([3, 1, 2, 5]);
    expect(Buffer.from(bytes.subarray(rest)).toString()).toBe('last\tline');
  });

  it('reads nothing of an earlier, longer input left past the end of the current one', () => {
    const kernel = new TsvScanKernel(3);
    for (let seed = 100; seed < 140; seed++) {
      const bytes = randomBytes(4000 - (seed - 100) * 97, seed);
      kernel.load(bytes);
      const scanned = scannedLines(kernel, 3, 0);
      const expected = expectedLines(bytes, 0);
      expect(scanned.lines).toEqual(placed(expected.lines, 3));
      expect(scanned.rest).toBe(expected.rest);
    }
  });

  it('needs at least one field', () => {
    expect(() => new TsvScanKernel(0)).toThrow(RangeError);
  });

  it('agrees with the rules on random bytes, from any start, for any width', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const bytes = randomBytes(1 + ((seed * 7919) % 5000), seed);
      const width = 1 + (seed % 9);
      const from = seed % 3 === 0 ? 0 : seed % Math.min(bytes.length, 40);
      const kernel = new TsvScanKernel(width);
      kernel.load(bytes);
      const expected = expectedLines(bytes, from);
      const scanned = scannedLines(kernel, width, from);
      expect(scanned.lines).toEqual(placed(expected.lines, width));
      expect(scanned.rest).toBe(expected.rest);
    }
  });

  it('goes on where a full scan stopped, and grows its memory for a large input', () => {
    const line = 'a\tb\r\n';
    const bytes = Buffer.from(line.repeat(LINES_PER_SCAN * 3 + 5) + 'c\t'.repeat(400_000));
    const kernel = new TsvScanKernel(2);
    kernel.load(Buffer.from('short\n'));
    kernel.load(bytes);
    const scanned = scannedLines(kernel, 2, 0);
    expect(scanned.scans).toBe(4);
    expect(scanned.lines).toEqual(placed(expectedLines(bytes, 0).lines, 2));
    expect(scanned.rest).toBe(line.length * (LINES_PER_SCAN * 3 + 5));
  });

  it('finds no line in bytes without a line break, nor in none', () => {
    const kernel = new TsvScanKernel(3);
    kernel.load(Buffer.from('no\tline\tbreak'));
    expect(kernel.scan(0)).toBe(0);
    expect(kernel.next).toBe(0);
    kernel.load(new Uint8Array(0));
    expect(kernel.scan(0)).toBe(0);
    expect(kernel.next).toBe(0);
  });
});
