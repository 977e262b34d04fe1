import { Readable } from 'node:stream';
import { curatedKey, quarantineKey } from '@spapi-lake/lake';
import { reportTypeDefinition } from '@spapi-lake/reports';
import { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';
import { curateTsvDocument } from './curate-tsv-document';
import type { DocumentTextEncoding } from './document-text';
import type { TsvCurationOutput, TsvCurationSetup, TsvCurator } from './tsv-curator';

// The main-thread side of the columnar path, over a scripted curator: what it sends, where the
// bytes it gets back land, and that a failure leaves nothing behind.

const definition = reportTypeDefinition('GET_MERCHANT_LISTINGS_ALL_DATA');
const job = (
  text: readonly string[],
  encoding: DocumentTextEncoding = { kind: 'utf-8' },
  encode = (chunk: string) => Buffer.from(chunk, 'utf8'),
) => ({
  definition,
  report: {
    reportId: '50000000001',
    reportType: definition.reportType,
    processingStatus: 'DONE' as const,
    createdTime: '2026-10-01T00:00:00Z',
  },
  sellingPartnerId: 'A1SELLER',
  marketplaceId: 'A1PA6795UKMFR9',
  windowStart: '2026-10-01T00:00:00Z',
  document: {
    text: () => {
      throw new Error('the columnar path reads bytes');
    },
    bytes: () => ({ chunks: Readable.from(text.map(encode)), text: encoding }),
  },
});

class ScriptedCurator implements TsvCurator {
  readonly batches: Buffer[] = [];
  setup: TsvCurationSetup | undefined;
  closed = 0;

  constructor(private readonly failOn?: 'curate' | 'finish') {}

  curate(bytes: Uint8Array): Promise<TsvCurationOutput> {
    this.batches.push(Buffer.from(bytes));
    if (this.failOn === 'curate') return Promise.reject(new Error('curation broke'));
    return Promise.resolve({
      parts: [{ dt: '2026-10-01', bytes: Buffer.from('PAR1row-group') }],
      quarantined: [{ position: 3, reason: 'expected 2 fields, found 1', raw: 'oops' }],
    });
  }

  finish(): Promise<TsvCurationOutput> {
    if (this.failOn === 'finish') return Promise.reject(new Error('finish broke'));
    return Promise.resolve({
      parts: [{ dt: '2026-10-01', bytes: Buffer.from('footerPAR1'), finalRows: 7 }],
      quarantined: [],
    });
  }

  close(): Promise<void> {
    this.closed += 1;
    return Promise.resolve();
  }
}

function deps(curator: ScriptedCurator, store = new InMemoryObjectStore()) {
  return {
    store,
    maxBufferedRows: 10,
    tsvCuration: {
      open: (setup: TsvCurationSetup) => {
        curator.setup = setup;
        return curator;
      },
      rowGroupSize: 5,
    },
  };
}

const key = curatedKey({
  dataset: 'merchant_listings',
  marketplaceId: 'A1PA6795UKMFR9',
  dt: '2026-10-01',
  sellingPartnerId: 'A1SELLER',
  reportId: '50000000001',
});

describe('curateTsvDocument', () => {
  it('takes the header itself, hands the curator the rest, and streams back what it encodes', async () => {
    const curator = new ScriptedCurator();
    const store = new InMemoryObjectStore();
    const result = await curateTsvDocument(
      deps(curator, store),
      job(['\uFEFFsku\titem-na', 'me\tNeu Spalte\r\nA-1\tMug\tx\n', 'oops\n']),
    );
    expect(curator.setup).toMatchObject({
      header: ['sku', 'item-name', 'Neu Spalte'],
      // The report's marketplace's (Germany: slashed dates refused, IST India's, decimal commas).
      dateConventions: {
        slashDates: 'refused',
        zones: expect.objectContaining({ IST: '+05:30' }),
        decimalComma: true,
      },
      firstLine: 2,
      rowGroupSize: 5,
      maxBufferedRows: 10,
      lineage: {
        _report_id: '50000000001',
        _report_processed_at: Date.parse('2026-10-01T00:00:00Z'),
        _data_start_time: Date.parse('2026-10-01T00:00:00Z'),
        _data_end_time: Date.parse('2026-10-01T00:00:00Z'),
      },
    });
    expect(curator.setup?.columns.map((column) => column.name)).toContain('neu_spalte');
    expect(Buffer.concat(curator.batches).toString()).toBe('A-1\tMug\tx\noops\n');
    expect(curator.setup?.text).toEqual({ kind: 'utf-8' });
    expect(curator.closed).toBe(1);
    const dataset = definition.datasets[0]?.name ?? '';
    expect(result.partitions).toEqual([
      { dataset, marketplaceId: 'A1PA6795UKMFR9', dt: '2026-10-01', key, rows: 7, bytes: 23 },
    ]);
    expect(result.schema[0]?.driftColumns).toContain('neu_spalte');
    expect(store.objects.get(key)?.toString()).toBe('PAR1row-groupfooterPAR1');
    const quarantine = quarantineKey({
      dataset,
      sellingPartnerId: 'A1SELLER',
      dt: '2026-10-01',
      reportId: '50000000001',
    });
    expect(store.objects.get(quarantine)?.toString()).toBe(
      `${JSON.stringify({ position: 3, reason: 'expected 2 fields, found 1', raw: 'oops' })}\n`,
    );
  });

  it('hands back each chunk once its bytes are copied, and never reads it again', async () => {
    // A recycled chunk is overwritten at once, as the gunzip does when it refills it.
    const curator = new ScriptedCurator();
    const chunks = ['sku\titem-name\nA-1\tMug\n', 'A-2\tCup\nA-', '3\tJar\n'].map((text) =>
      Buffer.from(text),
    );
    const recycled: string[] = [];
    const recycling = job([]);
    recycling.document.bytes = () => ({
      chunks: Readable.from(chunks),
      text: { kind: 'utf-8' },
      recycle: (chunk: Uint8Array) => {
        recycled.push(Buffer.from(chunk).toString());
        chunk.fill(0x21);
      },
    });
    await curateTsvDocument(deps(curator), recycling);
    expect(Buffer.concat(curator.batches).toString()).toBe('A-1\tMug\nA-2\tCup\nA-3\tJar\n');
    // Not the first: the header's bytes are kept until the header is read.
    expect(recycled).toEqual(['A-2\tCup\nA-', '3\tJar\n']);
  });

  it.each(['curate', 'finish'] as const)(
    'fails whole when the curator fails in %s: no object lands, the curator is released',
    async (failOn) => {
      const curator = new ScriptedCurator(failOn);
      const store = new InMemoryObjectStore();
      await expect(
        curateTsvDocument(deps(curator, store), job(['sku\titem-name\n', 'A-1\tMug\n'])),
      ).rejects.toThrow(/broke/);
      expect(store.objects.size).toBe(0);
      expect(store.inFlight).toBe(0);
      expect(curator.closed).toBe(1);
    },
  );

  it('reads a single-byte header with its charset, and hands the rest over in 1 MiB batches', async () => {
    const curator = new ScriptedCurator();
    const high = Array.from({ length: 128 }, (_, k) =>
      String.fromCharCode(k === 0 ? 0x20ac : 0x80 + k),
    ).join('');
    const body = 'x\t'.repeat(700_000);
    await curateTsvDocument(
      deps(curator),
      job(
        ['seller-sku\tPreis \x80\n', body.slice(0, 999_999), body.slice(999_999)],
        { kind: 'single-byte', high },
        (chunk) => Buffer.from(chunk, 'latin1'),
      ),
    );
    expect(curator.setup?.header).toEqual(['seller-sku', 'Preis €']);
    expect(curator.batches.map((batch) => batch.length)).toEqual([
      1 << 20,
      body.length - (1 << 20),
    ]);
    expect(Buffer.concat(curator.batches).toString('latin1')).toBe(body);
  });

  it('fills the batches the curator hands back again, never one it is still working on', async () => {
    // Each batch is read only when its (late) answer comes: a batch refilled too early reads wrong.
    const seen = new Set<Uint8Array>();
    const received: Buffer[] = [];
    const curator = new ScriptedCurator();
    curator.curate = (bytes) => {
      seen.add(bytes);
      return new Promise((resolve) =>
        setImmediate(() => {
          received.push(Buffer.from(bytes));
          resolve({ parts: [], quarantined: [], reusableBytes: bytes });
        }),
      );
    };
    const bytes = Buffer.alloc((9 << 20) + 500_000);
    for (let k = 0; k < bytes.length; k++) bytes[k] = k % 100 === 99 ? 10 : 97 + (k % 23);
    const body = bytes.toString('latin1');
    await curateTsvDocument(deps(curator), job(['seller-sku\tprice\n', body]));
    expect(Buffer.concat(received).equals(bytes)).toBe(true);
    expect(received).toHaveLength(10);
    // Four batches in flight while a fifth fills, and the short last one.
    expect(seen.size).toBeLessThanOrEqual(6);
  });

  it('takes a document without any text for a report of no rows, opening no curator', async () => {
    for (const pieces of [[], ['\r\n', '\n'], [' ']]) {
      const curator = new ScriptedCurator();
      const store = new InMemoryObjectStore();
      await expect(curateTsvDocument(deps(curator, store), job(pieces))).resolves.toMatchObject({
        partitions: [],
        schema: [{ driftColumns: [], missingColumns: [] }],
      });
      expect(curator.setup).toBeUndefined();
      expect(store.objects.size).toBe(0);
    }
  });

  it('finds the header on the first line with text, and counts the lines before it', async () => {
    const curator = new ScriptedCurator();
    await curateTsvDocument(deps(curator), job(['\r', '\n\ns', 'ku\titem-name\nA-1\tMug\n']));
    expect(curator.setup?.header).toEqual(['sku', 'item-name']);
    expect(curator.setup?.firstLine).toBe(4);
    expect(Buffer.concat(curator.batches).toString()).toBe('A-1\tMug\n');
  });

  it('gives each document a columns array of its own (encoders share choices per array)', async () => {
    const first = new ScriptedCurator();
    const second = new ScriptedCurator();
    await curateTsvDocument(deps(first), job(['sku\tprice\n', 'A-1\t1.00\n']));
    await curateTsvDocument(deps(second), job(['sku\tprice\n', 'A-1\t1.00\n']));
    expect(second.setup?.columns).toEqual(first.setup?.columns);
    expect(second.setup?.columns).not.toBe(first.setup?.columns);
  });
});
