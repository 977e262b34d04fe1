import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ObjectChangedError } from '@spapi-lake/lake';
import { LocalDiskObjectStore } from './local-disk-object-store';
import { describeObjectStoreContract } from './test/object-store-contract';

describeObjectStoreContract('LocalDiskObjectStore', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'lake-disk-'));
  return {
    store: new LocalDiskObjectStore(root),
    teardown: () => rm(root, { recursive: true, force: true }),
  };
});

describe('LocalDiskObjectStore', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'lake-disk-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lets exactly one of two racing conditional writes of one version win', async () => {
    const store = new LocalDiskObjectStore(root);
    await store.putObject('_ledger/w.json', '{"rows":1}');
    const read = await store.getVersioned('_ledger/w.json');
    const version = read?.version ?? null;

    const results = await Promise.allSettled([
      store.putObject('_ledger/w.json', '{"by":"a"}', { expectedVersion: version }),
      store.putObject('_ledger/w.json', '{"by":"b"}', { expectedVersion: version }),
    ]);

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    expect((await store.getObject('_ledger/w.json')).toString()).toBe('{"by":"a"}');
  });

  it('deletes on a version only while the object is still at it', async () => {
    const store = new LocalDiskObjectStore(root);
    const key = '_leases/reports/selling_partner_id=A1/1.json';
    await store.putObject(key, '{"holder":"a"}');
    const read = await store.getVersioned(key);
    await store.putObject(key, '{"holder":"b"}');

    await expect(
      store.deleteObject(key, { expectedVersion: read?.version ?? '' }),
    ).rejects.toBeInstanceOf(ObjectChangedError);
    expect((await store.getObject(key)).toString()).toBe('{"holder":"b"}');

    const current = await store.getVersioned(key);
    await store.deleteObject(key, { expectedVersion: current?.version ?? '' });
    await expect(store.exists(key)).resolves.toBe(false);
    await expect(
      store.deleteObject(key, { expectedVersion: current?.version ?? '' }),
    ).rejects.toBeInstanceOf(ObjectChangedError);
  });

  it('lays keys out as plain files under the root, the layout DuckDB globs read', async () => {
    const store = new LocalDiskObjectStore(root);

    await store.putObject('orders/selling_partner_id=A1/dt=2024-01-02/r1.parquet', 'PAR1');

    expect(
      await readdir(path.join(root, 'orders', 'selling_partner_id=A1', 'dt=2024-01-02')),
    ).toEqual(['r1.parquet']);
  });

  it('leaves no temp file behind after a write, nor after a failed one', async () => {
    const store = new LocalDiskObjectStore(root);
    await store.putStream('d/ok.tsv', Readable.from([Buffer.from('a\tb\n')]));
    const failing = new Readable({
      read() {
        this.destroy(new Error('source broke'));
      },
    });

    await expect(store.putStream('d/failed.tsv', failing)).rejects.toThrow('source broke');

    expect(await readdir(path.join(root, 'd'))).toEqual(['ok.tsv']);
  });

  it('lists in S3 byte order across directory boundaries (a-b before a/b before a0)', async () => {
    const store = new LocalDiskObjectStore(root);
    for (const key of ['p/a0.txt', 'p/a/b.txt', 'p/a-b.txt', 'p/a/a.txt', 'p/a.txt']) {
      await store.putObject(key, 'x');
    }

    const keys: string[] = [];
    for await (const entry of store.list('p/a')) keys.push(entry.key);

    expect(keys).toEqual(['p/a-b.txt', 'p/a.txt', 'p/a/a.txt', 'p/a/b.txt', 'p/a0.txt']);
  });

  it('ignores stray dot-files when listing', async () => {
    const store = new LocalDiskObjectStore(root);
    await store.putObject('d/a.json', '{}');
    await writeFile(path.join(root, 'd', '.tmp-left-by-a-crash'), 'partial');

    const keys: string[] = [];
    for await (const entry of store.list('d/')) keys.push(entry.key);

    expect(keys).toEqual(['d/a.json']);
  });
});
