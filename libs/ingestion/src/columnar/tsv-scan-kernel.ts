import { TSV_SCAN_KERNEL_WASM_BASE64 } from './tsv-scan-kernel-wasm';

/** Lines recorded per kernel call: the records of one call fit in a few hundred KiB. */
export const LINES_PER_SCAN = 1024;
const PAGE_BYTES = 1 << 16;
// The kernel reads whole 16-byte blocks, so the memory holds 16 bytes past the input's end.
const BLOCK_BYTES = 16;

// The slice of the WebAssembly JS API used here (this project's TypeScript libraries omit the DOM's).
interface WebAssemblyApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: object };
}
const wasm = (globalThis as unknown as { readonly WebAssembly: WebAssemblyApi }).WebAssembly;

interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  readonly next: { readonly value: number };
  scan(from: number, end: number, base: number, width: number, out: number, max: number): number;
}

// Compiled once per thread; each kernel instantiates it with a memory of its own.
let compiled: object | undefined;

function kernelModule(): object {
  compiled ??= new wasm.Module(Buffer.from(TSV_SCAN_KERNEL_WASM_BASE64, 'base64'));
  return compiled;
}

/**
 * Finds the lines and fields of TSV bytes with the WebAssembly kernel of tsv-scan-kernel.wat: the
 * bytes are copied into the kernel's memory once (`load`), then `scan` records up to
 * {@link LINES_PER_SCAN} complete lines at a time in `records`, per line
 * {@link TsvScanKernel.recordLength} numbers: its start and end in the loaded bytes (the end before
 * a CR that precedes the LF), its number of fields, then the start and end of each of its first
 * `width` fields.
 */
export class TsvScanKernel {
  readonly recordLength: number;
  /** The records of the last `scan`, from index 0. */
  records: Int32Array;
  private readonly exports: KernelExports;
  private readonly inputAt: number;
  private bytes: Uint8Array;
  private loadedLength = 0;

  constructor(private readonly width: number) {
    // A record must have room for the next line's first field, or it would spill into the input.
    if (!Number.isSafeInteger(width) || width < 1) {
      throw new RangeError(`a TSV scan needs at least one field, not ${width}`);
    }
    this.recordLength = 3 + 2 * width;
    this.inputAt = LINES_PER_SCAN * this.recordLength * 4;
    const instance = new wasm.Instance(kernelModule(), {});
    this.exports = instance.exports as unknown as KernelExports;
    this.records = new Int32Array(this.exports.memory.buffer);
    this.bytes = new Uint8Array(this.exports.memory.buffer);
  }

  /** Copies `bytes` into the kernel's memory (growing it when needed) for the next scans. */
  load(bytes: Uint8Array): void {
    const needed = this.inputAt + bytes.length + BLOCK_BYTES;
    const memory = this.exports.memory;
    if (needed > memory.buffer.byteLength) {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE_BYTES));
      this.records = new Int32Array(memory.buffer);
      this.bytes = new Uint8Array(memory.buffer);
    }
    this.bytes.set(bytes, this.inputAt);
    this.loadedLength = bytes.length;
  }

  /**
   * Records the complete lines that start at `from` (an index into the loaded bytes), at most
   * {@link LINES_PER_SCAN}; returns how many. `next` is then where the line after them starts.
   */
  scan(from: number): number {
    const { inputAt } = this;
    return this.exports.scan(
      inputAt + from,
      inputAt + this.loadedLength,
      inputAt,
      this.width,
      0,
      LINES_PER_SCAN,
    );
  }

  /** Where the line after the last one recorded starts, in the loaded bytes. */
  get next(): number {
    return this.exports.next.value - this.inputAt;
  }
}
