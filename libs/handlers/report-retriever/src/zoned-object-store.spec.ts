import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ObjectChangedError } from '@spapi-lake/lake';
import { LocalDiskObjectStore } from '@spapi-lake/lake-adapters';
import { ZonedObjectStore } from './zoned-object-store';

describe('ZonedObjectStore', () => {
  let directory: string;
  let store: ZonedObjectStore;

  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'zoned-store-'));
    store = new ZonedObjectStore({
      raw: new LocalDiskObjectStore(path.join(directory, 'raw')),
      curated: new LocalDiskObjectStore(path.join(directory, 'curated')),
    });
  });

  afterEach(async () => rm(directory, { recursive: true, force: true }));

  it('keeps keys under reports/ in the raw zone and every other key in the curated zone', async () => {
    await store.putStream(
      'reports/T/selling_partner_id=A/dt=2026-10-01/1.tsv',
      Readable.from(['raw']),
    );
    await store.putObject('_manifests/reports/selling_partner_id=A/1.json', '{}');
    await store.putObject('orders/selling_partner_id=A/x.parquet', 'PAR1');
    await store.putObject('reportsx/not-raw.txt', 'x');

    expect(
      (await readdir(path.join(directory, 'raw'), { recursive: true })).filter((f) =>
        f.endsWith('.tsv'),
      ),
    ).toEqual(['reports/T/selling_partner_id=A/dt=2026-10-01/1.tsv']);
    expect(await store.exists('reports/T/selling_partner_id=A/dt=2026-10-01/1.tsv')).toBe(true);
    expect(
      (await store.getObject('reports/T/selling_partner_id=A/dt=2026-10-01/1.tsv')).toString(),
    ).toBe('raw');
    expect(await store.exists('reportsx/not-raw.txt')).toBe(true);
    await store.deleteObject('reportsx/not-raw.txt');
    expect(await store.exists('reportsx/not-raw.txt')).toBe(false);
  });

  it("passes a delete's condition on to the zone", async () => {
    const key = '_leases/reports/selling_partner_id=A/1.json';
    await store.putObject(key, '{"holder":"a"}');
    await expect(
      store.deleteObject(key, { expectedVersion: 'an-older-version' }),
    ).rejects.toBeInstanceOf(ObjectChangedError);
    expect(await store.exists(key)).toBe(true);
  });

  it('lists one zone for a zone prefix and both, merged in key order, for a prefix of both', async () => {
    for (const key of [
      'reports/B/1.tsv',
      'reports/A/1.tsv',
      '_ledger/x.json',
      'orders/a.parquet',
      'rep.txt',
    ]) {
      await store.putObject(key, key);
    }
    const keys = async (prefix: string) => {
      const listed: string[] = [];
      for await (const summary of store.list(prefix)) listed.push(summary.key);
      return listed;
    };

    expect(await keys('reports/')).toEqual(['reports/A/1.tsv', 'reports/B/1.tsv']);
    expect(await keys('orders/')).toEqual(['orders/a.parquet']);
    expect(await keys('rep')).toEqual(['rep.txt', 'reports/A/1.tsv', 'reports/B/1.tsv']);
    expect(await keys('')).toEqual([
      '_ledger/x.json',
      'orders/a.parquet',
      'rep.txt',
      'reports/A/1.tsv',
      'reports/B/1.tsv',
    ]);
  });
});
