import { Readable } from 'node:stream';
import { curatedKey, quarantineKey } from '@spapi-lake/lake';
import { MalformedReportDocumentError, reportTypeDefinition } from '@spapi-lake/reports';
import { InMemoryObjectStore } from '@spapi-lake/testing-in-memory-lake';
import { curateTsvDocument } from './curate-tsv-document';
import type { TsvCurationOutput, TsvCurationSetup, TsvCurator } from './tsv-curator';

// The main-thread side of the columnar path, over a scripted curator: what it sends, where the
// bytes it gets back land, and that a failure leaves nothing behind.

const definition = reportTypeDefinition('GET_MERCHANT_LISTINGS_ALL_DATA');
const job = (text: readonly string[]) => ({
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
  text: Readable.from(text, { objectMode: true }),
});

class ScriptedCurator implements TsvCurator {
  readonly texts: string[] = [];
  setup: TsvCurationSetup | undefined;
  closed = 0;

  constructor(private readonly failOn?: 'curate' | 'finish') {}

  curate(text: string): Promise<TsvCurationOutput> {
    this.texts.push(text);
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
      firstLine: 2,
      rowGroupSize: 5,
      maxBufferedRows: 10,
      reportId: '50000000001',
    });
    expect(curator.setup?.columns.map((column) => column.name)).toContain('neu_spalte');
    expect(curator.texts.join('')).toBe('A-1\tMug\tx\noops\n');
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

  it('rejects a document without any text as having no header', async () => {
    const curator = new ScriptedCurator();
    await expect(curateTsvDocument(deps(curator), job([]))).rejects.toThrow(
      MalformedReportDocumentError,
    );
  });
});
