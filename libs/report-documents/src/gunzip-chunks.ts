import { type Readable, pipeline } from 'node:stream';
import { types } from 'node:util';
import { type Gunzip, constants, createGunzip } from 'node:zlib';

/** How big the chunks of gunzipped bytes are (the last may be shorter). */
export const GUNZIPPED_CHUNK_BYTES = 1 << 20;

// Chunks handed back and not yet filled again: a reader keeps at most a few in flight.
const MAX_SPARE_CHUNKS = 4;

/**
 * Node's zlib binding behind a Gunzip stream, driven as Node's own synchronous functions drive it
 * (`processChunkSync` in lib/zlib.js: `writeSync`, then the output and input left in
 * `_writeState`). Not a public API, so it is looked for on each stream and never assumed.
 */
interface ZlibBinding {
  writeSync(...args: [...Write, outputLength: number]): void;
}

type Write = [
  flush: number,
  input: Uint8Array,
  inputOffset: number,
  inputLength: number,
  output: Uint8Array,
  outputOffset: number,
];

interface GunzipInternals {
  readonly _handle?: Partial<ZlibBinding> | null;
  readonly _writeState?: unknown;
}

/**
 * A gzip stream's plain bytes, in chunks of {@link GUNZIPPED_CHUNK_BYTES}, with a way to hand a
 * chunk back once read so that the next one is inflated into it: a multi-gigabyte document then
 * needs a few buffers instead of one per megabyte, which spares the JS heap's collector the churn of
 * external memory. Inflating runs on this thread, straight into the chunk (through zlib's binding,
 * as `zlib.gunzipSync` does); where the binding is not there, Node's Gunzip stream does the work.
 * Errors are zlib's own (`code` Z_BUF_ERROR when the stream ends early, Z_DATA_ERROR when corrupt).
 */
export class GunzippedChunks {
  private readonly spare: Buffer[] = [];
  /**
   * The chunks handed out and not yet handed back, as objects: a buffer filled again goes out as a
   * new chunk object, so handing back an old reference to it is ignored.
   */
  private readonly lent = new WeakSet<Uint8Array>();

  constructor(private readonly options: { readonly viaStream?: boolean } = {}) {}

  /** The plain bytes of `source` (gzip, one or more members). */
  async *read(source: Readable): AsyncGenerator<Buffer> {
    // Its own output buffer is not used here: zlib's default size keeps it small.
    const gunzip = createGunzip();
    const binding = this.options.viaStream ? undefined : bindingOf(gunzip);
    if (!binding) {
      gunzip.close();
      const stream = createGunzip({ chunkSize: GUNZIPPED_CHUNK_BYTES });
      yield* pipeline(source, stream, () => undefined) as AsyncIterable<Buffer>;
      return;
    }
    // zlib's error also comes as an event, after `write` has thrown it.
    gunzip.on('error', () => undefined);
    const state: InflateState = { output: this.take(), filled: 0, ended: false };
    try {
      for await (const chunk of source) {
        if (!(chunk instanceof Uint8Array)) throw new TypeError(NON_BYTE_CHUNK);
        yield* this.inflate(binding, state, chunk, constants.Z_NO_FLUSH);
        // As the stream ends its output: what follows the gzip data is not read.
        if (state.ended) break;
      }
      if (!state.ended) yield* this.inflate(binding, state, EMPTY, constants.Z_FINISH);
      if (state.filled > 0) yield this.lend(state.output.subarray(0, state.filled));
    } finally {
      gunzip.close();
    }
  }

  // Inflates `input` into the state's output, yielding each output that fills up.
  private *inflate(binding: Binding, state: InflateState, input: Uint8Array, flush: number) {
    let inputOffset = 0;
    let inputLength = input.length;
    for (;;) {
      binding.write(flush, input, inputOffset, inputLength, state.output, state.filled);
      state.filled = state.output.length - binding.outputLeft();
      const inputLeft = binding.inputLeft();
      inputOffset += inputLength - inputLeft;
      inputLength = inputLeft;
      // zlib stops when the input runs out, when the output has no room left, or at the end of
      // the gzip data (with input left over); only a full output calls for more.
      if (state.filled < state.output.length) {
        state.ended = inputLeft > 0;
        return;
      }
      yield this.lend(state.output);
      state.output = this.take();
      state.filled = 0;
    }
  }

  /**
   * Hands back a chunk `read` yielded, once nothing reads it any more: its buffer is filled again.
   * Anything else (a copy, a chunk handed back already) is ignored.
   */
  recycle(chunk: Uint8Array): void {
    if (!this.lent.has(chunk)) return;
    this.lent.delete(chunk);
    if (this.spare.length < MAX_SPARE_CHUNKS) {
      this.spare.push(Buffer.from(chunk.buffer, 0, GUNZIPPED_CHUNK_BYTES));
    }
  }

  private take(): Buffer {
    return this.spare.pop() ?? Buffer.allocUnsafeSlow(GUNZIPPED_CHUNK_BYTES);
  }

  private lend(chunk: Buffer): Buffer {
    this.lent.add(chunk);
    return chunk;
  }
}

export const NON_BYTE_CHUNK = 'decodeReportDocument expects a byte stream, not text or objects';

const EMPTY = new Uint8Array(0);

interface InflateState {
  output: Buffer;
  filled: number;
  /** zlib left input unread with room to spare: the gzip data is over. */
  ended: boolean;
}

interface Binding {
  write(...args: Write): void;
  outputLeft(): number;
  inputLeft(): number;
}

function bindingOf(gunzip: Gunzip): Binding | undefined {
  const internals = gunzip as unknown as GunzipInternals;
  const handle = internals._handle;
  const state = internals._writeState;
  const writeSync = handle?.writeSync;
  if (typeof writeSync !== 'function' || !types.isUint32Array(state) || state.length < 2) {
    return undefined;
  }
  return {
    write(flush, input, inputOffset, inputLength, output, outputOffset) {
      writeSync.call(
        handle,
        flush,
        input,
        inputOffset,
        inputLength,
        output,
        outputOffset,
        output.length - outputOffset,
      );
      // zlib reports an error through the stream, which it destroys at once.
      if (gunzip.errored) throw gunzip.errored;
    },
    outputLeft: () => state[0] ?? 0,
    inputLeft: () => state[1] ?? 0,
  };
}
