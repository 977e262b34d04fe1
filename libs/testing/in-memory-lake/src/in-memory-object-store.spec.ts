import { PassThrough, Readable } from 'node:stream';
import { ObjectNotFoundError } from '@spapi-lake/lake';
import { InMemoryObjectStore } from './in-memory-object-store';

describe('InMemoryObjectStore', () => {
  it('keeps a streamed write only once its body ended cleanly', async () => {
    const store = new InMemoryObjectStore();
    await store.putStream('a/1.json', Readable.from(['{"n":', '1}']), {
      contentType: 'application/json',
    });
    const failing = new PassThrough();
    const write = store.putStream('a/2.json', failing);
    failing.write('partial');
    failing.destroy(new Error('reset'));
    await expect(write).rejects.toThrow('reset');
    expect(store.keys('a/')).toEqual(['a/1.json']);
    expect(store.json('a/1.json')).toEqual({ n: 1 });
    expect(store.contentTypes.get('a/1.json')).toBe('application/json');
    expect(store.inFlight).toBe(0);
  });

  it('lists by prefix in key order, reads back, deletes, and refuses missing keys', async () => {
    const store = new InMemoryObjectStore();
    await store.putObject('b/2', 'two');
    await store.putObject('b/1', 'one');
    await store.putObject('c/1', 'other');
    const listed = [];
    for await (const summary of store.list('b/')) listed.push(summary);
    expect(listed).toEqual([
      { key: 'b/1', size: 3 },
      { key: 'b/2', size: 3 },
    ]);
    expect((await store.getObject('b/2')).toString()).toBe('two');
    await store.deleteObject('b/2');
    expect(store.deleted).toEqual(['b/2']);
    expect(await store.exists('b/2')).toBe(false);
    await expect(store.getObject('b/2')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });
});
