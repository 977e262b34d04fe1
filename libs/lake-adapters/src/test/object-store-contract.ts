import { Readable } from 'node:stream';
import { InvalidObjectKeyError, ObjectChangedError, ObjectNotFoundError } from '@spapi-lake/lake';
import type { ObjectStore, ObjectSummary } from '@spapi-lake/lake';
import { pseudoRandomStream, sha256Of } from './generated-bytes';

/** A store under test and how to dispose of it. */
export interface ObjectStoreFixture {
  store: ObjectStore;
  teardown(): Promise<void>;
}

const MIB = 1024 * 1024;

/**
 * The behaviour every `ObjectStore` adapter promises, as one jest suite. Each test writes under its
 * own prefix, so one store instance serves the whole suite.
 */
export function describeObjectStoreContract(
  name: string,
  setup: () => Promise<ObjectStoreFixture>,
  /** False where the server ignores write conditions (s3rver): that test is left out there. */
  options: { readonly conditionalWrites: boolean } = { conditionalWrites: true },
): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let fixture: ObjectStoreFixture;
    let store: ObjectStore;
    let testNumber = 0;
    let base: string;

    beforeAll(async () => {
      fixture = await setup();
      store = fixture.store;
    });

    afterAll(async () => {
      await fixture.teardown();
    });

    beforeEach(() => {
      testNumber += 1;
      base = `contract/t${testNumber}`;
    });

    it('writes a buffer and reads it back whole, counting UTF-8 bytes', async () => {
      const text = 'sku\tprice\nÄ-1\t12.50\n日本\t¥800\n';

      const result = await store.putObject(`${base}/doc.tsv`, text, {
        contentType: 'text/tab-separated-values; charset=utf-8',
      });

      expect(result).toEqual({ key: `${base}/doc.tsv`, bytes: Buffer.byteLength(text) });
      expect((await store.getObject(`${base}/doc.tsv`)).toString('utf8')).toBe(text);
      expect(await store.exists(`${base}/doc.tsv`)).toBe(true);
    });

    it('streams a body in and out unchanged and reports the bytes stored', async () => {
      const chunks = [
        Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
        Buffer.alloc(100_000, 7),
        Buffer.from('end'),
      ];

      const result = await store.putStream(`${base}/raw.tsv.gz`, Readable.from(chunks), {
        contentType: 'application/gzip',
        metadata: { 'report-id': '123' },
      });

      expect(result.bytes).toBe(100_007);
      const read = await store.getStream(`${base}/raw.tsv.gz`);
      expect(Buffer.concat(await readAll(read)).equals(Buffer.concat(chunks))).toBe(true);
    });

    it('streams a 20 MiB generated body byte-identical (multipart on S3)', async () => {
      const size = 20 * MIB + 12_345;
      const expected = await sha256Of(pseudoRandomStream(size));

      const result = await store.putStream(`${base}/big.bin`, pseudoRandomStream(size));

      expect(result.bytes).toBe(size);
      expect(await sha256Of(await store.getStream(`${base}/big.bin`))).toBe(expected);
      expect(await collect(store.list(`${base}/`))).toEqual([{ key: `${base}/big.bin`, size }]);
    }, 60_000);

    it('replaces an object whole when the same key is written again', async () => {
      await store.putObject(`${base}/same.json`, '{"version":1,"padding":"xxxxxxxxxxxxxxxx"}');

      await store.putStream(`${base}/same.json`, Readable.from([Buffer.from('{"version":2}')]));

      expect((await store.getObject(`${base}/same.json`)).toString()).toBe('{"version":2}');
      expect(await collect(store.list(`${base}/`))).toEqual([
        { key: `${base}/same.json`, size: 13 },
      ]);
    });

    it('reads an object with a version that changes when it is written again', async () => {
      expect(await store.getVersioned(`${base}/entry.json`)).toBeUndefined();
      await store.putObject(`${base}/entry.json`, '{"rows":1}');
      const first = await store.getVersioned(`${base}/entry.json`);
      expect(first?.body.toString()).toBe('{"rows":1}');
      await store.putObject(`${base}/entry.json`, '{"rows":2}');
      const second = await store.getVersioned(`${base}/entry.json`);
      expect(second?.body.toString()).toBe('{"rows":2}');
      expect(second?.version).not.toBe(first?.version);
    });

    if (options.conditionalWrites) {
      it('writes conditionally: only over the version read, or only where nothing is', async () => {
        const key = `${base}/ledger.json`;
        await store.putObject(key, '{"rows":1}', { expectedVersion: null });
        await expect(store.putObject(key, '{"rows":9}', { expectedVersion: null })).rejects.toThrow(
          ObjectChangedError,
        );
        const read = await store.getVersioned(key);
        await store.putObject(key, '{"rows":2}', { expectedVersion: read?.version ?? null });
        // The version read before that write is stale now.
        await expect(
          store.putObject(key, '{"rows":9}', { expectedVersion: read?.version ?? null }),
        ).rejects.toThrow(ObjectChangedError);
        expect((await store.getObject(key)).toString()).toBe('{"rows":2}');
      });
    }

    it('stores an empty object', async () => {
      const result = await store.putStream(`${base}/empty.jsonl`, Readable.from([]));

      expect(result.bytes).toBe(0);
      expect((await store.getObject(`${base}/empty.jsonl`)).length).toBe(0);
    });

    it('rejects reads of a missing object with ObjectNotFoundError', async () => {
      await store.putObject(`${base}/dir/present.txt`, 'x');

      await expect(store.getStream(`${base}/missing.txt`)).rejects.toBeInstanceOf(
        ObjectNotFoundError,
      );
      await expect(store.getObject(`${base}/missing.txt`)).rejects.toBeInstanceOf(
        ObjectNotFoundError,
      );
      // A "directory" is not an object.
      await expect(store.getObject(`${base}/dir`)).rejects.toBeInstanceOf(ObjectNotFoundError);
      expect(await store.exists(`${base}/missing.txt`)).toBe(false);
      expect(await store.exists(`${base}/dir`)).toBe(false);
    });

    it('lists keys under a prefix in byte order with their sizes', async () => {
      // `a-b` before `a/b` (S3's byte order) is asserted in the disk store's own spec: s3rver gets
      // that one wrong.
      const keys = [
        `${base}/p/a/b.txt`,
        `${base}/p/a0.txt`,
        `${base}/p/B.txt`,
        `${base}/p/dt=2024-01-02/x.parquet`,
        `${base}/p/dt=2024-01-10/x.parquet`,
        `${base}/p/dt=2023-12-31/x.parquet`,
        `${base}/p/é.txt`,
        `${base}/q/other.txt`,
      ];
      for (const [index, key] of [...keys].reverse().entries()) {
        await store.putObject(key, 'x'.repeat(index + 1));
      }

      const listed = await collect(store.list(`${base}/p/`));

      const expected = keys
        .filter((key) => key.startsWith(`${base}/p/`))
        .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      expect(listed.map((entry) => entry.key)).toEqual(expected);
      expect(listed.find((entry) => entry.key === `${base}/p/a/b.txt`)?.size).toBe(keys.length);
    });

    it('treats the prefix as a plain string prefix, also inside a path segment', async () => {
      for (const day of ['2024-01-31', '2024-02-01', '2024-02-29', '2025-02-01']) {
        await store.putObject(`${base}/dt=${day}/r.json`, '{}');
      }

      const listed = await collect(store.list(`${base}/dt=2024-02`));

      expect(listed.map((entry) => entry.key)).toEqual([
        `${base}/dt=2024-02-01/r.json`,
        `${base}/dt=2024-02-29/r.json`,
      ]);
      expect(await collect(store.list(`${base}/nothing-here/`))).toEqual([]);
      expect(await collect(store.list(`${base}/dt=2024-02-01/r.json`))).toHaveLength(1);
    });

    it('deletes objects, and deleting a missing object succeeds', async () => {
      await store.putObject(`${base}/gone.txt`, 'bye');

      await store.deleteObject(`${base}/gone.txt`);
      await store.deleteObject(`${base}/never-there.txt`);

      expect(await store.exists(`${base}/gone.txt`)).toBe(false);
      expect(await collect(store.list(`${base}/`))).toEqual([]);
    });

    it('shows no object while a stream is still being written', async () => {
      const source = new Readable({ read: () => undefined });
      const writing = store.putStream(`${base}/slow.tsv`, source);
      source.push(Buffer.alloc(1024, 65));
      await new Promise((resolve) => setTimeout(resolve, 50));

      expect(await store.exists(`${base}/slow.tsv`)).toBe(false);
      expect(await collect(store.list(`${base}/`))).toEqual([]);

      source.push(null);
      await writing;
      expect(await collect(store.list(`${base}/`))).toEqual([
        { key: `${base}/slow.tsv`, size: 1024 },
      ]);
    });

    it('keeps the previous object when a rewrite fails mid-stream, surfacing the source error', async () => {
      await store.putObject(`${base}/kept.tsv`, 'old complete object');
      const sourceError = new Error('download truncated');
      const failing = new Readable({ read: () => undefined });
      setTimeout(() => {
        failing.push(Buffer.alloc(4096, 66));
        setTimeout(() => failing.destroy(sourceError), 10);
      }, 10);

      await expect(store.putStream(`${base}/kept.tsv`, failing)).rejects.toBe(sourceError);

      expect((await store.getObject(`${base}/kept.tsv`)).toString()).toBe('old complete object');
      expect(await collect(store.list(`${base}/`))).toEqual([
        { key: `${base}/kept.tsv`, size: 'old complete object'.length },
      ]);
    });

    it.each([
      ['an absolute path', '/etc/passwd'],
      ['a parent segment', 'reports/../../secret'],
      ['an empty segment', 'reports//x.json'],
      ['a dot segment', 'reports/./x.json'],
      ['a trailing slash', 'reports/'],
      ['a dot-file segment', 'reports/.tmp-123'],
      ['a backslash', 'reports\\x.json'],
      ['a control character', 'reports/x\u0000.json'],
      ['nothing', ''],
    ])('rejects a key with %s', async (_label, key) => {
      await expect(store.putObject(key, 'x')).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(store.putStream(key, Readable.from([]))).rejects.toBeInstanceOf(
        InvalidObjectKeyError,
      );
      await expect(store.getStream(key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(store.getObject(key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(store.exists(key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(store.deleteObject(key)).rejects.toBeInstanceOf(InvalidObjectKeyError);
    });

    it('rejects a listing prefix that could escape the lake', async () => {
      await expect(collect(store.list('../'))).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(collect(store.list('/reports'))).rejects.toBeInstanceOf(InvalidObjectKeyError);
    });
  });
}

async function collect(iterable: AsyncIterable<ObjectSummary>): Promise<ObjectSummary[]> {
  const items: ObjectSummary[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

async function readAll(stream: Readable): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return chunks;
}
