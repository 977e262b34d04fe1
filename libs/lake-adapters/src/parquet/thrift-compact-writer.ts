import { ByteBuffer } from './byte-buffer';

/** Thrift compact protocol type ids. */
export const ThriftType = {
  True: 1,
  False: 2,
  I32: 5,
  I64: 6,
  Binary: 8,
  List: 9,
  Struct: 12,
} as const;
type ThriftType = (typeof ThriftType)[keyof typeof ThriftType];

const textEncoder = new TextEncoder();

/**
 * Writes Thrift compact-protocol structs field by field (Parquet's page headers and footer).
 * Fields of a struct must be written in increasing id order.
 */
export class ThriftCompactWriter {
  private lastField = 0;
  private readonly stack: number[] = [];

  constructor(readonly out: ByteBuffer = new ByteBuffer(1024)) {}

  i32(field: number, value: number): this {
    this.header(field, ThriftType.I32);
    this.out.zigzag(value);
    return this;
  }

  i64(field: number, value: number): this {
    this.header(field, ThriftType.I64);
    this.out.zigzag(value);
    return this;
  }

  bool(field: number, value: boolean): this {
    this.header(field, value ? ThriftType.True : ThriftType.False);
    return this;
  }

  binary(field: number, value: string | Uint8Array): this {
    this.header(field, ThriftType.Binary);
    this.rawBinary(value);
    return this;
  }

  beginStruct(field: number): this {
    this.header(field, ThriftType.Struct);
    this.stack.push(this.lastField);
    this.lastField = 0;
    return this;
  }

  endStruct(): this {
    this.out.u8(0);
    this.lastField = this.stack.pop() ?? 0;
    return this;
  }

  /** A list field; write its elements with `listI32`, `listBinary` or `beginListStruct`. */
  beginList(field: number, elementType: ThriftType, size: number): this {
    this.header(field, ThriftType.List);
    if (size < 15) this.out.u8((size << 4) | elementType);
    else {
      this.out.u8(0xf0 | elementType);
      this.out.varint(size);
    }
    return this;
  }

  listI32(value: number): this {
    this.out.zigzag(value);
    return this;
  }

  listBinary(value: string | Uint8Array): this {
    this.rawBinary(value);
    return this;
  }

  /** A struct element of a list; close it with `endStruct`. */
  beginListStruct(): this {
    this.stack.push(this.lastField);
    this.lastField = 0;
    return this;
  }

  /** Ends the outermost struct (the one the writer started in). */
  end(): Uint8Array {
    this.out.u8(0);
    return this.out.toBytes();
  }

  private rawBinary(value: string | Uint8Array): void {
    const bytes = typeof value === 'string' ? textEncoder.encode(value) : value;
    this.out.varint(bytes.length);
    this.out.append(bytes);
  }

  private header(field: number, type: ThriftType): void {
    const delta = field - this.lastField;
    if (delta > 0 && delta <= 15) this.out.u8((delta << 4) | type);
    else {
      this.out.u8(type);
      this.out.zigzag(field);
    }
    this.lastField = field;
  }
}
