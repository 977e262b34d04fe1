import { Readable } from 'node:stream';
import { ObjectChangedError } from '@spapi-lake/lake';
import { landedKeysStore } from './landed-keys-store';
import { InMemoryObjectStore } from './test/in-memory-lake';

describe('landedKeysStore', () => {
  it('records the keys that landed, and only those', async () => {
    const curation = landedKeysStore(new InMemoryObjectStore());
    await curation.store.putObject('orders/a.parquet', 'PAR1');
    await curation.store.putStream('orders/b.parquet', Readable.from([Buffer.from('PAR1')]));
    await curation.store
      .putObject('orders/c.parquet', 'PAR1', { expectedVersion: 'not-there' })
      .catch(() => undefined);
    expect([...curation.landed]).toEqual(['orders/a.parquet', 'orders/b.parquet']);
  });

  it("passes a delete's condition on to the store", async () => {
    const store = new InMemoryObjectStore();
    const curation = landedKeysStore(store);
    await store.putObject('_leases/reports/selling_partner_id=A1/1.json', '{"holder":"a"}');
    await expect(
      curation.store.deleteObject('_leases/reports/selling_partner_id=A1/1.json', {
        expectedVersion: 'an-older-version',
      }),
    ).rejects.toBeInstanceOf(ObjectChangedError);
    expect(store.objects.has('_leases/reports/selling_partner_id=A1/1.json')).toBe(true);
  });
});
