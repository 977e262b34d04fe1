import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import {
  type SimulatorHandle,
  type SimulatorOptions,
  startSimulator,
} from '../server/start-simulator';
import { FAKE_TYPES, fakeGenerator } from '../test/fake-generator';
import { simClient } from '../test/sim-client';

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const JP = 'A1VC38T7YXB528';

describe('report documents', () => {
  let sim: SimulatorHandle;
  let client: ReturnType<typeof simClient>;

  const start = async (options: SimulatorOptions = {}) => {
    sim = await startSimulator({ seed: 5, generator: fakeGenerator, rateScale: 100, ...options });
    client = simClient(sim);
  };
  afterEach(() => sim.stop());

  /** Creates a report, lets it finish, and returns its document id. */
  const finishedDocument = async (
    token: string,
    body: Record<string, unknown>,
  ): Promise<string> => {
    const created = await client.call('POST', '/reports/2021-06-30/reports', { token, body });
    const { reportId } = created.json as { reportId: string };
    sim.clock.advance(60_000);
    const report = await client.call('GET', `/reports/2021-06-30/reports/${reportId}`, { token });
    return (report.json as { reportDocumentId: string }).reportDocumentId;
  };
  const documentOf = async (token: string, id: string, query = '') =>
    (await client.call('GET', `/reports/2021-06-30/documents/${id}${query}`, { token })).json as {
      url: string;
      compressionAlgorithm?: string;
      reportDocumentId: string;
    };

  it('serves a US flat file uncompressed as UTF-8 through a URL on the simulator', async () => {
    await start();
    const token = await client.accessToken(0);
    const id = await finishedDocument(token, {
      reportType: FAKE_TYPES.listings,
      marketplaceIds: [US],
    });
    const document = await documentOf(token, id);
    expect(document.reportDocumentId).toBe(id);
    expect(document.compressionAlgorithm).toBeUndefined();
    expect(document.url.startsWith(sim.baseUrl)).toBe(true);
    const res = await fetch(document.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    const text = await res.text();
    expect(text.split('\n')[1]).toBe(`SKU-0\tMüller Café € ${US}\t0.99`);
  });

  it('serves EU flat files in Cp1252 (header literally charset=Cp1252)', async () => {
    await start();
    const token = await client.accessToken(1);
    const id = await finishedDocument(token, {
      reportType: FAKE_TYPES.listings,
      marketplaceIds: [DE],
    });
    const res = await fetch((await documentOf(token, id)).url);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=Cp1252');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.includes(Buffer.from([0x80]))).toBe(true); // € in windows-1252
    expect(iconv.decode(bytes, 'windows-1252')).toContain('Müller Café €');
  });

  it('serves Japanese flat files in Shift_JIS when configured', async () => {
    await start({ reports: { japanCharset: 'Shift_JIS' } });
    const partner = sim.addPartner({ accountType: 'seller', region: 'FE', marketplaceIds: [JP] });
    client = simClient(sim);
    const token = await client.accessToken(
      client.creds.partners.findIndex((p) => p.sellingPartnerId === partner.sellingPartnerId),
    );
    const id = await finishedDocument(token, {
      reportType: FAKE_TYPES.listings,
      marketplaceIds: [JP],
    });
    expect(id).toMatch(/^amzn1\.spdoc\.1\.4\.fe\./);
    const res = await fetch((await documentOf(token, id)).url);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=Shift_JIS');
    expect(iconv.decode(Buffer.from(await res.arrayBuffer()), 'shift_jis')).toContain(`SKU-2\t`);
  });

  it('gzips JSON documents by default and any document when configured', async () => {
    await start({ reports: { gzip: 'all' } });
    const token = await client.accessToken(0);
    const id = await finishedDocument(token, {
      reportType: FAKE_TYPES.listings,
      marketplaceIds: [US],
    });
    const document = await documentOf(token, id);
    expect(document.compressionAlgorithm).toBe('GZIP');
    const raw = await fetch(document.url);
    expect(raw.headers.get('content-encoding')).toBe('identity');
    const text = gunzipSync(Buffer.from(await raw.arrayBuffer())).toString('utf8');
    expect(text.startsWith('sku\titem-name\tprice\n')).toBe(true);

    // enableContentEncodingUrlHeader: the URL answers Content-Encoding: gzip, so fetch inflates.
    const inflating = await documentOf(token, id, '?enableContentEncodingUrlHeader=true');
    const res = await fetch(inflating.url);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toBe(text);
  });

  it('expires URLs after five simulated minutes with S3 XML AccessDenied', async () => {
    await start();
    const token = await client.accessToken(0);
    const id = await finishedDocument(token, {
      reportType: FAKE_TYPES.salesTraffic,
      marketplaceIds: [US],
    });
    const { url, compressionAlgorithm } = await documentOf(token, id);
    expect(compressionAlgorithm).toBe('GZIP');
    sim.clock.advance(299_000);
    expect((await fetch(url)).status).toBe(200);
    sim.clock.advance(1_000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(expired.headers.get('content-type')).toBe('application/xml');
    const xml = await expired.text();
    expect(xml).toContain('<Code>AccessDenied</Code>');
    expect(xml).toContain('<Message>Request has expired</Message>');
    const tampered = url.replace(/X-Amz-Date=\d{8}/, 'X-Amz-Date=20991231');
    expect(await (await fetch(tampered)).text()).toContain('SignatureDoesNotMatch');
  });

  it('streams large documents without holding them', async () => {
    await start({ reports: { rowsOverride: { [FAKE_TYPES.listings]: 200_000 }, gzip: 'all' } });
    const token = await client.accessToken(0);
    const id = await finishedDocument(token, {
      reportType: FAKE_TYPES.listings,
      marketplaceIds: [US],
    });
    const res = await fetch((await documentOf(token, id)).url);
    const bytes = gunzipSync(Buffer.from(await res.arrayBuffer()));
    const lines = bytes.toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(200_001);
    expect(lines.at(-1)).toBe(`SKU-199999\tMüller Café € ${US}\t199999.99`);
  });

  describe('restricted report types', () => {
    const rdtFor = async (token: string, path: string) =>
      client.call('POST', '/tokens/2021-03-01/restrictedDataToken', {
        token,
        body: { restrictedResources: [{ method: 'GET', path }] },
      });

    it('require an RDT naming the specific document path', async () => {
      await start();
      const token = await client.accessToken(0);
      const id = await finishedDocument(token, {
        reportType: FAKE_TYPES.restricted,
        marketplaceIds: [US],
      });
      const path = `/reports/2021-06-30/documents/${id}`;
      const plain = await client.call('GET', path, { token });
      expect(plain.status).toBe(403);
      expect((plain.json as { errors: { code: string }[] }).errors[0]?.code).toBe('Unauthorized');

      const generic = await rdtFor(token, '/reports/2021-06-30/documents/{reportDocumentId}');
      expect(generic.status).toBe(400);
      const notRestricted = await rdtFor(token, '/reports/2021-06-30/reports');
      expect(notRestricted.status).toBe(400);

      const issued = await rdtFor(token, path);
      expect(issued.status).toBe(200);
      const { restrictedDataToken, expiresIn } = issued.json as {
        restrictedDataToken: string;
        expiresIn: number;
      };
      expect(restrictedDataToken).toMatch(/^Atz\.sprdt\|/);
      expect(expiresIn).toBe(3600);
      const ok = await client.call('GET', path, { token: restrictedDataToken });
      expect(ok.status).toBe(200);
      expect((await fetch((ok.json as { url: string }).url)).status).toBe(200);

      // The RDT opens only the path it names.
      const elsewhere = await client.call('GET', '/reports/2021-06-30/reports?reportTypes=X', {
        token: restrictedDataToken,
      });
      expect(elsewhere.status).toBe(403);
    });

    it('refuse RDT requests made with grantless tokens or other RDTs', async () => {
      await start();
      const grantless = await client.grantlessToken('sellingpartnerapi::notifications');
      expect((await rdtFor(grantless, '/reports/2021-06-30/documents/x')).status).toBe(403);
    });

    it('do not need an RDT for unrestricted types', async () => {
      await start();
      const token = await client.accessToken(0);
      const id = await finishedDocument(token, {
        reportType: FAKE_TYPES.orders,
        marketplaceIds: [US],
      });
      expect(
        (await client.call('GET', `/reports/2021-06-30/documents/${id}`, { token })).status,
      ).toBe(200);
    });
  });

  it('answers 404 for unknown documents and for documents of another partner', async () => {
    await start();
    const token = await client.accessToken(0);
    const id = await finishedDocument(token, {
      reportType: FAKE_TYPES.listings,
      marketplaceIds: [US],
    });
    const other = await client.accessToken(2);
    expect(
      (await client.call('GET', `/reports/2021-06-30/documents/${id}`, { token: other })).status,
    ).toBe(404);
    expect((await client.call('GET', '/reports/2021-06-30/documents/nope', { token })).status).toBe(
      404,
    );
  });
});
