import type { Readable } from 'node:stream';
import { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';
import { type QuarantineOutput, writeQuarantined } from './quarantine-output';

const job = {
  sellingPartnerId: 'A1SELLERSPEC001',
  windowStart: '2026-10-01T00:00:00Z',
  report: { reportId: '50000012345' },
};
const row = (position: number) => ({
  kind: 'quarantine' as const,
  dataset: 'orders_by_order_date',
  position,
  raw: 'x'.repeat(1000),
  reason: 'column quantity: not a valid integer',
});

describe('writeQuarantined', () => {
  it('waits while the upload is behind, then lands every row', async () => {
    const store = new InMemoryObjectStore();
    const putStream = store.putStream.bind(store);
    let release: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (release = resolve));
    // An upload that reads nothing until released: the rows must wait, not pile up.
    store.putStream = async (key: string, body: Readable, options) => {
      await started;
      return putStream(key, body, options);
    };
    const outputs = new Map<string, QuarantineOutput>();
    let written = 0;
    const writing = (async () => {
      for (let position = 2; position < 202; position++) {
        await writeQuarantined(store, job, outputs, row(position));
        written += 1;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const output = outputs.get('orders_by_order_date');
    // Stopped once the stream's buffer was full (16 KiB: about 16 rows of 1 KB).
    expect(written).toBeLessThan(40);
    expect(output?.stream.writableLength).toBeLessThan(64 * 1024);

    release();
    await writing;
    output?.stream.end();
    await output?.upload;
    expect(written).toBe(200);
    const lines = (store.objects.get(output?.key ?? '')?.toString('utf8') ?? '').trim().split('\n');
    expect(lines).toHaveLength(200);
    expect(JSON.parse(lines[199] ?? '{}')).toMatchObject({ position: 201 });
  });
});
