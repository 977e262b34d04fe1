import { splitLines } from './split-lines';

async function collect(chunks: string[]): Promise<string[]> {
  async function* source() {
    yield* chunks;
  }
  const lines: string[] = [];
  for await (const line of splitLines(source())) lines.push(line);
  return lines;
}

describe('splitLines', () => {
  it('splits on \\n and \\r\\n across chunk boundaries', async () => {
    expect(await collect(['a\tb\r', '\nc', '\td\n', 'e\r\nf'])).toEqual(['a\tb', 'c\td', 'e', 'f']);
  });

  it('keeps empty lines in the middle but not a final empty line', async () => {
    expect(await collect(['x\n\ny\n'])).toEqual(['x', '', 'y']);
  });

  it('yields nothing for an empty document', async () => {
    expect(await collect([])).toEqual([]);
    expect(await collect([''])).toEqual([]);
  });
});
