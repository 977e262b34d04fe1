import iconv from 'iconv-lite';
import { createCharsetDecoder } from './charset-decoder';

describe('createCharsetDecoder', () => {
  it('decodes every Windows-1252 byte like iconv-lite, its five unassigned ones as C1 controls', () => {
    const allBytes = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));
    const unassigned = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
    // WHATWG windows-1252 (what browsers use, also for ISO-8859-1 labels); iconv-lite has U+FFFD.
    const expected = [...iconv.decode(allBytes, 'windows-1252')]
      .map((character, byte) => (unassigned.has(byte) ? String.fromCharCode(byte) : character))
      .join('');
    expect(createCharsetDecoder('windows-1252').write(allBytes)).toBe(expected);
    expect(expected).not.toContain('\ufffd');
  });

  it('decodes 0x80-0x9F as Windows-1252 punctuation, not as C1 controls', () => {
    const decoded = createCharsetDecoder('windows-1252').write(
      Buffer.from([0x80, 0x84, 0x85, 0x96, 0x99]),
    );
    expect(decoded).toBe('€„…–™');
  });
});
