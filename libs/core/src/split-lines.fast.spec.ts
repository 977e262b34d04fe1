import { Readable } from 'node:stream';
import { splitLines } from './split-lines';

async function linesOf(chunks: string[]): Promise<string[]> {
  async function* source(): AsyncGenerator<string> {
    yield* chunks;
  }
  const lines: string[] = [];
  for await (const line of splitLines(source())) {
    lines.push(line);
  }
  return lines;
}

describe('splitLines', () => {
  it('cuts lines at \\n and \\r\\n without keeping the terminators', async () => {
    expect(await linesOf(['a\tb\r\nc\td\ne\tf\r\n'])).toEqual(['a\tb', 'c\td', 'e\tf']);
  });

  it('joins lines that span chunks, including a \\r\\n split in two', async () => {
    expect(await linesOf(['sk', 'u-1\tpri', 'ce\r', '\nsku-2\t', '9.99\r\n'])).toEqual([
      'sku-1\tprice',
      'sku-2\t9.99',
    ]);
  });

  it('keeps empty lines inside the document but adds none at the end', async () => {
    expect(await linesOf(['a\n\nb\n'])).toEqual(['a', '', 'b']);
    expect(await linesOf(['a\n', '\n'])).toEqual(['a', '']);
  });

  it('yields a last line without terminator', async () => {
    expect(await linesOf(['header\nlast'])).toEqual(['header', 'last']);
    expect(await linesOf(['only'])).toEqual(['only']);
  });

  it('yields nothing for an empty document', async () => {
    expect(await linesOf([])).toEqual([]);
    expect(await linesOf(['', ''])).toEqual([]);
  });

  it('handles one character per chunk', async () => {
    expect(await linesOf([...'x\r\ny\nz'])).toEqual(['x', 'y', 'z']);
  });

  it('releases the source when the consumer stops early', async () => {
    const source = Readable.from(['a\nb\n', 'c\n', 'd\n'], { objectMode: false, encoding: 'utf8' });
    for await (const line of splitLines(source)) {
      expect(line).toBe('a');
      break;
    }
    expect(source.destroyed).toBe(true);
  });

  it('rejects byte chunks, which could cut a character in two', async () => {
    const bytes = Readable.from([Buffer.from('a\n')]);
    await expect(splitLines(bytes).next()).rejects.toThrow(TypeError);
  });
});
