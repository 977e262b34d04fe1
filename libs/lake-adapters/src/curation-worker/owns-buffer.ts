/** Whether `bytes` span their whole `ArrayBuffer`, so that moving the buffer moves them alone. */
export function ownsBuffer(bytes: Uint8Array): boolean {
  return (
    bytes.buffer instanceof ArrayBuffer &&
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength
  );
}
