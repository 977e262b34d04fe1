import iconv from 'iconv-lite';
import { createCharsetDecoder } from './charset-decoder';

describe('createCharsetDecoder', () => {
  it('decodes every Windows-1252 byte exactly like iconv-lite', () => {
    const allBytes = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));
    expect(createCharsetDecoder('windows-1252').write(allBytes)).toBe(
      iconv.decode(allBytes, 'windows-1252'),
    );
  });

  it('decodes 0x80-0x9F as Windows-1252 punctuation, not as C1 controls', () => {
    const decoded = createCharsetDecoder('windows-1252').write(
      Buffer.from([0x80, 0x84, 0x85, 0x96, 0x99]),
    );
    expect(decoded).toBe('€„…–™');
  });
});
