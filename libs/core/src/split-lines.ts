/**
 * Splits a text stream into lines without their `\n` or `\r\n` terminators, whatever the chunk
 * boundaries; a final terminator does not produce an empty last line. Chunks must be strings.
 */
export function splitLines(text: AsyncIterable<string>): AsyncIterableIterator<string> {
  return new LineIterator(text[Symbol.asyncIterator]());
}

// A hand-written iterator rather than an async generator: documents have millions of lines, and
// handing out already-split lines through resolved promises costs less than half a generator step.
class LineIterator implements AsyncIterableIterator<string> {
  private lines: string[] = [];
  private nextLine = 0;
  private pending = '';
  private finished = false;

  constructor(private readonly chunks: AsyncIterator<string>) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<string> {
    return this;
  }

  next(): Promise<IteratorResult<string, undefined>> {
    const line = this.lines[this.nextLine];
    if (line !== undefined) {
      this.nextLine += 1;
      return Promise.resolve({ done: false, value: line });
    }
    return this.pull();
  }

  async return(): Promise<IteratorResult<string, undefined>> {
    this.finish();
    // Lets the source release what it holds (the decoder and the HTTP response behind it).
    await this.chunks.return?.();
    return { done: true, value: undefined };
  }

  private async pull(): Promise<IteratorResult<string, undefined>> {
    for (;;) {
      const line = this.lines[this.nextLine];
      if (line !== undefined) {
        this.nextLine += 1;
        return { done: false, value: line };
      }
      if (this.finished) {
        return { done: true, value: undefined };
      }
      const chunk = await this.chunks.next();
      if (chunk.done) {
        const last = this.pending;
        this.finish();
        if (last !== '') {
          return { done: false, value: withoutCarriageReturn(last) };
        }
      } else {
        this.split(chunk.value);
      }
    }
  }

  private split(chunk: unknown): void {
    if (typeof chunk !== 'string') {
      throw new TypeError('splitLines expects decoded text chunks (see decodeReportDocument)');
    }
    let end = chunk.indexOf('\n');
    if (end === -1) {
      // Only the new chunk is searched, so a very long line stays linear, not quadratic.
      this.pending += chunk;
      return;
    }
    // The first line may have started in earlier chunks, and its `\r` may end the previous one.
    const lines = [withoutCarriageReturn(this.pending + chunk.slice(0, end))];
    let start = end + 1;
    end = chunk.indexOf('\n', start);
    while (end !== -1) {
      lines.push(withoutCarriageReturn(chunk.slice(start, end)));
      start = end + 1;
      end = chunk.indexOf('\n', start);
    }
    this.pending = chunk.slice(start);
    this.lines = lines;
    this.nextLine = 0;
  }

  private finish(): void {
    this.finished = true;
    this.lines = [];
    this.nextLine = 0;
    this.pending = '';
  }
}

function withoutCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
