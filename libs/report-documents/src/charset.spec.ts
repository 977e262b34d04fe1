import {
  JAPAN_MARKETPLACE_ID,
  ReportCharset,
  ReportDocumentFormat,
  resolveCharset,
} from './charset';
import { UnsupportedCharsetError } from './errors';

describe('resolveCharset', () => {
  it.each([
    ['text/plain; charset=Cp1252', ReportCharset.Windows1252],
    ['text/plain;charset=windows-1252', ReportCharset.Windows1252],
    ['text/plain; charset="CP1252"', ReportCharset.Windows1252],
    ['text/plain; charset=UTF-8', ReportCharset.Utf8],
    ['text/plain; charset=utf8', ReportCharset.Utf8],
    ['text/plain; charset=Shift_JIS', ReportCharset.Cp932],
    ['text/plain; charset=Windows-31J', ReportCharset.Cp932],
    ['text/plain; charset=cp932', ReportCharset.Cp932],
    ['text/plain; charset=MS932', ReportCharset.Cp932],
    // WHATWG's rule: Amazon labels the same files ISO-8859-1 and Cp1252.
    ['text/plain; charset=ISO-8859-1', ReportCharset.Windows1252],
    ['text/tab-separated-values; format=tsv; charset=ISO8859_1', ReportCharset.Windows1252],
  ])('maps %s to %s', (contentType, expected) => {
    expect(resolveCharset(contentType)).toBe(expected);
  });

  it('honours the header charset for Japan too', () => {
    expect(resolveCharset('text/plain; charset=UTF-8', JAPAN_MARKETPLACE_ID)).toBe('utf-8');
  });

  it('falls back to cp932 for Japanese flat files without a charset', () => {
    expect(resolveCharset('text/plain', JAPAN_MARKETPLACE_ID)).toBe('cp932');
    expect(resolveCharset(undefined, JAPAN_MARKETPLACE_ID)).toBe('cp932');
  });

  it('falls back to UTF-8 elsewhere and for JSON documents', () => {
    expect(resolveCharset('text/plain', 'A1PA6795UKMFR9')).toBe('utf-8');
    expect(resolveCharset(null)).toBe('utf-8');
    expect(resolveCharset('application/json', JAPAN_MARKETPLACE_ID)).toBe('utf-8');
  });

  it.each(['binary/octet-stream', 'application/x-gzip', 'text/plain', undefined, null])(
    'reads a Japanese JSON report served as %s as UTF-8',
    (contentType) => {
      expect(resolveCharset(contentType, JAPAN_MARKETPLACE_ID, ReportDocumentFormat.Json)).toBe(
        'utf-8',
      );
    },
  );

  it('reads JSON reports as UTF-8 whatever charset the header names', () => {
    const json = ReportDocumentFormat.Json;
    expect(resolveCharset('text/plain; charset=Shift_JIS', JAPAN_MARKETPLACE_ID, json)).toBe(
      'utf-8',
    );
    expect(resolveCharset('text/plain; charset=Cp1252', 'A1PA6795UKMFR9', json)).toBe('utf-8');
    expect(resolveCharset('text/plain; charset=EBCDIC-037', undefined, json)).toBe('utf-8');
  });

  it('keeps the header charset and the Japan fallback for flat files', () => {
    const tsv = ReportDocumentFormat.Tsv;
    expect(resolveCharset('binary/octet-stream', JAPAN_MARKETPLACE_ID, tsv)).toBe('cp932');
    expect(resolveCharset('text/plain; charset=UTF-8', JAPAN_MARKETPLACE_ID, tsv)).toBe('utf-8');
    expect(resolveCharset('text/plain; charset=Cp1252', 'A1PA6795UKMFR9', tsv)).toBe(
      'windows-1252',
    );
  });

  it('rejects an unknown charset instead of guessing UTF-8', () => {
    expect(() => resolveCharset('text/plain; charset=EBCDIC-037')).toThrow(UnsupportedCharsetError);
    expect(() => resolveCharset('text/plain; charset=EBCDIC-037')).toThrow(/EBCDIC-037/);
  });
});
