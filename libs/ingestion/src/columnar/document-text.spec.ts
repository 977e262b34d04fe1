import iconv from 'iconv-lite';
import { DocumentText, isValidUtf8 } from './document-text';

// The byte readers must read what a decoder reads: TextDecoder for UTF-8, the charset's own table
// of high characters for single-byte charsets.

const windows1252High = iconv.decode(
  Buffer.from(Array.from({ length: 128 }, (_, k) => 0x80 + k)),
  'windows-1252',
);

describe('DocumentText', () => {
  it('decodes and transcodes single-byte ranges with the charset table', () => {
    const text = new DocumentText({ kind: 'single-byte', high: windows1252High });
    const bytes = Uint8Array.from([0x41, 0x80, 0x20, 0xfc, 0x9c, 0x42, 0x84, 0x93]);
    const expected = iconv.decode(Buffer.from(bytes.subarray(1, 7)), 'windows-1252');
    expect(text.decode(bytes, 1, 7)).toBe(expected);
    const out = new Uint8Array(text.utf8Capacity(6));
    const end = text.writeUtf8(bytes, 1, 7, out, 0);
    expect(Buffer.from(out.subarray(0, end)).toString('utf8')).toBe(expected);
  });

  it('decodes long ASCII runs whole', () => {
    const text = new DocumentText({ kind: 'single-byte', high: windows1252High });
    const ascii = 'a\tb'.repeat(5000);
    expect(text.decode(Buffer.from(`${ascii}\x80`, 'latin1'), 0, ascii.length + 1)).toBe(
      `${ascii}€`,
    );
  });

  it('copies valid UTF-8 and refuses invalid UTF-8', () => {
    const text = new DocumentText({ kind: 'utf-8' });
    const valid = Buffer.from('x Grüße 😀 €', 'utf8');
    const out = new Uint8Array(valid.length + 4);
    expect(text.writeUtf8(valid, 2, valid.length, out, 4)).toBe(valid.length + 2);
    expect(Buffer.from(out.subarray(4, valid.length + 2)).toString('utf8')).toBe('Grüße 😀 €');
    expect(text.writeUtf8(Uint8Array.from([0x61, 0xff]), 0, 2, out, 0)).toBe(-1);
    expect(text.decode(Uint8Array.from([0x61, 0xff, 0x62]), 0, 3)).toBe('a\uFFFDb');
  });

  it('refuses a single-byte table that is not 128 characters', () => {
    expect(() => new DocumentText({ kind: 'single-byte', high: 'abc' })).toThrow(/128/);
  });
});

describe('isValidUtf8', () => {
  it('agrees with a fatal TextDecoder on every sequence of up to four boundary bytes', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    const valid = (bytes: Uint8Array) => {
      try {
        fatal.decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    // The bytes where UTF-8's rules change (lead ranges, continuation limits, overlongs, surrogates).
    const alphabet = [
      0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef,
      0xf0, 0xf4, 0xf5, 0xff,
    ];
    const disagreements: number[][] = [];
    const visit = (prefix: number[]) => {
      if (prefix.length > 0) {
        const array = Uint8Array.from([0x20, ...prefix, 0x20]);
        const inner = array.subarray(1, array.length - 1);
        if (isValidUtf8(array, 1, array.length - 1) !== valid(inner)) disagreements.push(prefix);
      }
      if (prefix.length < 4) for (const byte of alphabet) visit([...prefix, byte]);
    };
    visit([]);
    expect(disagreements).toEqual([]);
  });
});
