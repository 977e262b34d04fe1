import { planCatalogChunks } from './plan-catalog-chunks';
import { InMemoryLake } from './test/in-memory-lake';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const refresh = {
  sellingPartnerId: 'A1B2C3D4E5F6G7',
  region: 'NA',
  refreshId: 'r-1',
  dt: '2026-11-01',
} as const;
const catalog = (source: object, marketplaceIds = [US]) =>
  ({ marketplaceIds, source, includedData: ['summaries'] }) as never;

describe('planCatalogChunks', () => {
  it('cuts de-duplicated identifiers into chunks per marketplace', async () => {
    const identifiers = Array.from({ length: 45 }, (_, i) => `b${String(i).padStart(9, '0')}`);
    const plan = await planCatalogChunks(
      { store: new InMemoryLake(), chunkSize: 20, inlineChunkLimit: 100 },
      {
        refresh,
        catalog: catalog(
          {
            kind: 'identifiers',
            identifiersType: 'ASIN',
            identifiers: [...identifiers, ...identifiers],
          },
          [US, CA],
        ),
      },
    );
    expect(plan.chunkCount).toBe(6);
    expect(plan.identifierCount).toBe(90);
    expect(plan.chunks?.map((chunk) => [chunk.index, chunk.marketplaceId])).toEqual([
      [0, US],
      [1, US],
      [2, US],
      [3, CA],
      [4, CA],
      [5, CA],
    ]);
    expect(plan.chunks?.[0]?.query).toMatchObject({
      identifiersType: 'ASIN',
      identifiers: expect.arrayContaining(['B000000000']),
    });
  });

  it('takes the ASINs the listings parts found in each marketplace', async () => {
    const store = new InMemoryLake();
    const prefix = '_work/catalog-refresh/selling_partner_id=A1B2C3D4E5F6G7/r-1/listings-asins';
    await store.putObject(`${prefix}/marketplace_id=${US}/part-00000.json`, '["B2","B1"]');
    await store.putObject(`${prefix}/marketplace_id=${US}/part-00001.json`, '["B3","B1"]');
    const plan = await planCatalogChunks(
      { store, chunkSize: 500, inlineChunkLimit: 100 },
      { refresh, catalog: catalog({ kind: 'listings' }, [US, CA]) },
    );
    expect(plan.chunks).toEqual([
      {
        index: 0,
        marketplaceId: US,
        query: { kind: 'identifiers', identifiersType: 'ASIN', identifiers: ['B1', 'B2', 'B3'] },
      },
    ]);
  });

  it('reads an identifiers object, one per line', async () => {
    const store = new InMemoryLake();
    await store.putObject('inputs/eans.txt', '4006381333931\n4006381333948\n');
    const plan = await planCatalogChunks(
      { store, chunkSize: 500, inlineChunkLimit: 100 },
      {
        refresh,
        catalog: catalog({
          kind: 'identifiersObject',
          identifiersType: 'EAN',
          key: 'inputs/eans.txt',
        }),
      },
    );
    expect(plan.chunks?.[0]?.query).toEqual({
      kind: 'identifiers',
      identifiersType: 'EAN',
      identifiers: ['4006381333931', '4006381333948'],
    });
  });

  it('writes large plans to a manifest object for the Distributed Map', async () => {
    const store = new InMemoryLake();
    const identifiers = Array.from({ length: 200 }, (_, i) => `B${String(i).padStart(9, '0')}`);
    const plan = await planCatalogChunks(
      { store, chunkSize: 20, inlineChunkLimit: 5, itemReaderBucket: 'curated-bucket' },
      { refresh, catalog: catalog({ kind: 'identifiers', identifiersType: 'ASIN', identifiers }) },
    );
    const key = '_work/catalog-refresh/selling_partner_id=A1B2C3D4E5F6G7/r-1/chunks.json';
    expect(plan).toEqual({
      settings: { includedData: ['summaries'] },
      chunkCount: 10,
      identifierCount: 200,
      itemReader: { Bucket: 'curated-bucket', Key: key },
    });
    expect(store.json(key)).toHaveLength(10);
  });

  it('plans one keyword chunk per marketplace', async () => {
    const plan = await planCatalogChunks(
      { store: new InMemoryLake(), chunkSize: 500, inlineChunkLimit: 100 },
      {
        refresh,
        catalog: catalog({ kind: 'keywords', keywords: ['towel'], maxResults: 40 }, [US, CA]),
      },
    );
    expect(plan.chunks?.map((chunk) => chunk.query)).toEqual([
      { kind: 'keywords', keywords: ['towel'], maxResults: 40 },
      { kind: 'keywords', keywords: ['towel'], maxResults: 40 },
    ]);
  });
});
