import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { JAPAN_MARKETPLACE_ID } from '@spapi-lake/report-documents';
import { reportDocumentPort } from './report-document-port';

const location = {
  reportDocumentId: 'amzn1.spdoc.1.4.fe.0001',
  url: 'https://s3.example/doc?X-Amz-Signature=secret',
  compressionAlgorithm: 'GZIP' as const,
};

const noRefresh = async (): Promise<never> => {
  throw new Error('refresh must not be called');
};

// S3 serves Japanese report documents without a charset, here as binary/octet-stream.
function servingWithoutCharset(body: Buffer): typeof fetch {
  return async () =>
    new Response(gzipSync(body), { headers: { 'content-type': 'binary/octet-stream' } });
}

async function textOf(chunks: AsyncIterable<unknown>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += String(chunk);
  return text;
}

describe('reportDocumentPort', () => {
  const json = '\uFEFF{"dataByDepartmentAndSearchTerm":[{"searchTerm":"水筒"}]}';

  it('opens a Japanese JSON report as UTF-8 when told its format, and decodes it', async () => {
    const port = reportDocumentPort({ fetch: servingWithoutCharset(Buffer.from(json, 'utf8')) });

    const opened = await port.open(location, noRefresh, JAPAN_MARKETPLACE_ID, { format: 'json' });
    const text = await textOf(port.decode(opened.bytes, opened));

    expect(opened).toMatchObject({ compression: 'GZIP', charset: 'utf-8' });
    expect(JSON.parse(text)).toEqual({ dataByDepartmentAndSearchTerm: [{ searchTerm: '水筒' }] });
  });

  it('hands out the plain UTF-8 bytes of a Japanese JSON report, BOM dropped', async () => {
    const port = reportDocumentPort({ fetch: servingWithoutCharset(Buffer.from(json, 'utf8')) });

    const opened = await port.open(location, noRefresh, JAPAN_MARKETPLACE_ID, { format: 'json' });
    const { chunks, text } = port.decompress(opened.bytes, opened);

    expect(text).toEqual({ kind: 'utf-8' });
    expect(Buffer.concat(await chunks.toArray()).toString('utf8')).toBe(json.slice(1));
  });

  it('keeps the cp932 fallback for Japanese flat files and when the format is not given', async () => {
    const tsv = iconv.encode('商品名\t価格\n水筒\t1000\n', 'shift_jis');

    for (const options of [{ format: 'tsv' as const }, {}, undefined]) {
      const port = reportDocumentPort({ fetch: servingWithoutCharset(tsv) });
      const opened = await port.open(location, noRefresh, JAPAN_MARKETPLACE_ID, options);

      expect(opened.charset).toBe('cp932');
      expect(await textOf(port.decode(opened.bytes, opened))).toBe('商品名\t価格\n水筒\t1000\n');
    }
  });
});
