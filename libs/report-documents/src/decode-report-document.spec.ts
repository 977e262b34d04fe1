import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { isRetryable } from '@spapi-lake/core';
import type { ReportCharset } from './charset';
import {
  type DocumentTextEncoding,
  decodeReportDocument,
  decompressReportDocument,
} from './decode-report-document';
import { ReportDocumentCorruptError, ReportDocumentTruncatedError } from './errors';
import type { ReportCompression } from './open-report-document';

function bytesOf(chunks: Buffer[]): Readable {
  return Readable.from(chunks, { objectMode: false });
}

function oneBytePerChunk(bytes: Buffer): Buffer[] {
  return [...bytes].map((byte) => Buffer.of(byte));
}

async function decode(
  chunks: Buffer[],
  charset: ReportCharset,
  compression: ReportCompression = 'NONE',
): Promise<string> {
  let text = '';
  for await (const chunk of decodeReportDocument(bytesOf(chunks), { charset, compression })) {
    expect(typeof chunk).toBe('string');
    text += chunk;
  }
  return text;
}

describe('decodeReportDocument', () => {
  it('decodes Cp1252 letters and the euro sign (0x80), one byte per chunk', async () => {
    const bytes = Buffer.from('Caf\xe9 M\xfcller Stra\xdfe \x80 5\t\x96', 'latin1');
    expect(await decode(oneBytePerChunk(bytes), 'windows-1252')).toBe('Café Müller Straße € 5\t–');
  });

  it('decodes Shift_JIS characters split between chunks', async () => {
    const bytes = Buffer.from('93fa967b8cea', 'hex'); // 日本語 in Shift_JIS
    const chunks = [
      bytes.subarray(0, 1),
      bytes.subarray(1, 3),
      bytes.subarray(3, 5),
      bytes.subarray(5),
    ];
    expect(await decode(chunks, 'cp932')).toBe('日本語');
  });

  it('decodes UTF-8 multibyte characters split between chunks', async () => {
    const bytes = Buffer.from('€ 😀 ü\n', 'utf8');
    expect(await decode(oneBytePerChunk(bytes), 'utf-8')).toBe('€ 😀 ü\n');
  });

  it('drops a UTF-8 byte order mark, even one split between chunks', async () => {
    const chunks = [Buffer.of(0xef), Buffer.of(0xbb, 0xbf, 0x61, 0x62)];
    expect(await decode(chunks, 'utf-8')).toBe('ab');
  });

  it('gunzips GZIP documents and leaves the others alone', async () => {
    const text = 'sku\tprice\n' + 'Größe\t12,50 €\n'.repeat(2000);
    const encoded = iconv.encode(text, 'windows-1252');
    const gzipped = gzipSync(encoded);
    const chunks = Array.from({ length: Math.ceil(gzipped.length / 7) }, (_, index) =>
      gzipped.subarray(index * 7, index * 7 + 7),
    );
    expect(await decode(chunks, 'windows-1252', 'GZIP')).toBe(text);
    expect(await decode([encoded], 'windows-1252', 'NONE')).toBe(text);
  });

  it('reports a cut-off gzip stream as a retryable truncation', async () => {
    const gzipped = gzipSync(Buffer.from('row\n'.repeat(10_000)));
    for (const cut of [gzipped.length - 4, Math.floor(gzipped.length / 2)]) {
      const error = await decode([gzipped.subarray(0, cut)], 'utf-8', 'GZIP').catch((e) => e);
      expect(error).toBeInstanceOf(ReportDocumentTruncatedError);
      expect(isRetryable(error)).toBe(true);
    }
  });

  it('reports bytes that are not gzip as corrupt', async () => {
    const error = await decode([Buffer.from('plain text')], 'utf-8', 'GZIP').catch((e) => e);
    expect(error).toBeInstanceOf(ReportDocumentCorruptError);
    expect(isRetryable(error)).toBe(false);
  });

  it('reports a byte source that fails mid-way as a retryable truncation', async () => {
    for (const compression of ['NONE', 'GZIP'] as const) {
      const first =
        compression === 'GZIP'
          ? gzipSync('abc\n'.repeat(1000)).subarray(0, 40)
          : Buffer.from('abc\n');
      const failing = new Readable({
        read() {
          this.push(first);
          this.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
        },
      });
      const stream = decodeReportDocument(failing, { charset: 'utf-8', compression });
      const error = await (async () => {
        for await (const _chunk of stream) {
          // drain
        }
      })().catch((e) => e);
      expect(error).toBeInstanceOf(ReportDocumentTruncatedError);
      expect(error.message).toContain('ECONNRESET');
    }
  });
});

describe('decompressReportDocument', () => {
  async function plain(
    chunks: Buffer[],
    charset: ReportCharset,
    compression: ReportCompression = 'NONE',
  ): Promise<{ bytes: Buffer; text: DocumentTextEncoding }> {
    const { chunks: out, text } = decompressReportDocument(bytesOf(chunks), {
      charset,
      compression,
    });
    const parts: Buffer[] = [];
    for await (const chunk of out) parts.push(chunk as Buffer);
    return { bytes: Buffer.concat(parts), text };
  }

  // What a byte reader makes of the bytes with the encoding it was given.
  function read(bytes: Buffer, text: DocumentTextEncoding): string {
    if (text.kind === 'utf-8') return bytes.toString('utf8');
    return [...bytes]
      .map((byte) => (byte < 0x80 ? String.fromCharCode(byte) : text.high[byte - 0x80]))
      .join('');
  }

  it.each(['windows-1252', 'latin1'] as const)(
    'hands out %s bytes as they are, with the high characters decodeReportDocument reads',
    async (charset) => {
      const every = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));
      const { bytes, text } = await plain(oneBytePerChunk(every), charset);
      expect(bytes).toEqual(every);
      expect(text.kind).toBe('single-byte');
      expect(read(bytes, text)).toBe(await decode([every], charset));
    },
  );

  it('drops a UTF-8 byte order mark split between chunks, and keeps every other byte', async () => {
    const bytes = Buffer.from('\uFEFFsku\tGrüße 😀\n', 'utf8');
    const result = await plain(oneBytePerChunk(bytes), 'utf-8');
    expect(result).toEqual({ bytes: bytes.subarray(3), text: { kind: 'utf-8' } });
    expect((await plain([Buffer.from('ab')], 'utf-8')).bytes.toString()).toBe('ab');
  });

  it('transcodes cp932 to UTF-8', async () => {
    const bytes = iconv.encode('日本語\tテスト\n', 'cp932');
    const result = await plain([bytes.subarray(0, 3), bytes.subarray(3)], 'cp932', 'NONE');
    expect(result.text).toEqual({ kind: 'utf-8' });
    expect(read(result.bytes, result.text)).toBe(await decode([bytes], 'cp932'));
  });

  it('gunzips, and reports a cut-off gzip stream as a retryable truncation', async () => {
    const gzip = gzipSync(Buffer.from('a\tb\n'.repeat(1000)));
    expect((await plain([gzip], 'utf-8', 'GZIP')).bytes.toString()).toBe('a\tb\n'.repeat(1000));
    const cut = plain([gzip.subarray(0, gzip.length - 10)], 'utf-8', 'GZIP');
    await expect(cut).rejects.toBeInstanceOf(ReportDocumentTruncatedError);
  });
});
