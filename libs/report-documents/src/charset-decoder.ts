import iconv from 'iconv-lite';
import { ReportCharset } from './charset';

/** Stateful bytes-to-text decoder: keeps an incomplete multibyte sequence until the next chunk. */
export interface CharsetDecoder {
  write(bytes: Buffer): string;
  end(): string | undefined;
}

// The characters Windows-1252 puts at 0x80-0x9F (€ ‚ „ … ™ –), where latin1 has C1 controls,
// taken from iconv-lite; its five unassigned bytes stay the C1 controls, as in the WHATWG
// windows-1252 (so a document labelled ISO-8859-1 loses nothing by being read as Windows-1252).
const c1Characters = [
  ...iconv.decode(
    Buffer.from(Array.from({ length: 32 }, (_, index) => 0x80 + index)),
    ReportCharset.Windows1252,
  ),
].map((character, index) =>
  character === '\ufffd' ? String.fromCharCode(0x80 + index) : character,
);

// iconv-lite's single-byte decoder is a JavaScript loop (~100 MB/s here). Node's native latin1
// decoding of the runs between C1 bytes (found by native searches), joined with their Windows-1252
// characters, is several times faster; `join` also yields a flat string, cheap to split afterwards.
const windows1252Decoder: CharsetDecoder = {
  write(bytes) {
    const positions: number[] = [];
    for (let byte = 0x80; byte < 0xa0; byte += 1) {
      for (let at = bytes.indexOf(byte); at !== -1; at = bytes.indexOf(byte, at + 1)) {
        positions.push(at);
      }
    }
    if (positions.length === 0) {
      return bytes.toString('latin1');
    }
    positions.sort((left, right) => left - right);
    const parts: string[] = [];
    let start = 0;
    for (const position of positions) {
      parts.push(
        bytes.toString('latin1', start, position),
        c1Characters[(bytes[position] ?? 0) - 0x80] ?? '',
      );
      start = position + 1;
    }
    parts.push(bytes.toString('latin1', start));
    return parts.join('');
  },
  end: () => undefined,
};

/** A decoder for `charset`; a UTF-8 byte order mark is dropped. */
export function createCharsetDecoder(charset: ReportCharset): CharsetDecoder {
  return charset === ReportCharset.Windows1252
    ? windows1252Decoder
    : iconv.getDecoder(charset, { stripBOM: true });
}
