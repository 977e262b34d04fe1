import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import {
  type TsvCurationOutput,
  type TsvCurationSetup,
  type TsvCurator,
  datasetColumns,
  inProcessTsvCurator,
} from '@spapi-lake/ingestion';
import {
  dateConventionsOf,
  reportTypeDefinition,
  tsvHeaderFields,
  tsvLayout,
} from '@spapi-lake/reports';
import { columnarParquetEncoding } from '../parquet/columnar-parquet-encoding';
import { TsvCurationWorkerCrashedError, TsvCurationWorkerError } from '../errors';
import { type WorkerTsvCuratorFactory, workerTsvCurator } from './worker-tsv-curator';

// The worker implementation, once through a real worker thread: the entry point is bundled with
// esbuild as the app build bundles it, and its output must equal the in-process curator's.

const definition = reportTypeDefinition('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL');
const dataset = definition.datasets[0];
const headerLine = [
  'amazon-order-id',
  'purchase-date',
  'last-updated-date',
  'quantity',
  'item-price',
  'is-business-order',
  'gift-note',
].join('\t');

function document(rows: number): string {
  let text = '';
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 3)).padStart(2, '0');
    if (i % 50 === 7) {
      text += 'a line cut short\n';
      continue;
    }
    // Some in the UK's day-first slashed form: only the marketplace's conventions read it.
    const updated = i % 5 ? `2026-10-${day}T11:00:00Z` : `${day}/10/2026 12:00:00 BST`;
    text += `111-${i}\t2026-10-${day}T10:00:00+00:00\t${updated}\t${i % 4}`;
    text += `\t${(i / 8).toFixed(2)}\t${i % 2 ? 'true' : 'false'}\t${i % 3 ? '' : 'Grüße'}\n`;
  }
  return text;
}

function setupFor(): TsvCurationSetup {
  if (!dataset) throw new Error('orders have a dataset');
  const header = tsvHeaderFields(headerLine);
  const layout = tsvLayout(dataset, header);
  return {
    dataset,
    text: { kind: 'utf-8' },
    header,
    columns: datasetColumns(dataset, layout.observation.driftColumns, false),
    lineage: {
      _report_id: '50000000001',
      _report_processed_at: Date.UTC(2026, 10, 1),
      _data_start_time: Date.UTC(2026, 9, 1),
      _data_end_time: Date.UTC(2026, 9, 2) - 1000,
    },
    windowStart: '2026-10-01T00:00:00Z',
    // A UK file's (a plain object, cloned into the worker with the rest).
    dateConventions: dateConventionsOf('A1F83G8C2ARO7P'),
    firstLine: 2,
    rowGroupSize: 100,
    maxBufferedRows: 150,
  };
}

async function run(curator: TsvCurator, text: string): Promise<TsvCurationOutput[]> {
  try {
    const bytes = Buffer.from(text, 'utf8');
    // Cut mid-line and mid-character on purpose, with a middle piece that holds no line break:
    // the curator joins lines across calls.
    const cut = bytes.indexOf('ü') + 1;
    const outputs = [
      curator.curate(new Uint8Array(bytes.subarray(0, cut))),
      curator.curate(new Uint8Array(bytes.subarray(cut, cut + 3))),
      curator.curate(new Uint8Array(bytes.subarray(cut + 3))),
    ];
    outputs.push(curator.finish());
    return await Promise.all(outputs);
  } finally {
    await curator.close();
  }
}

const normalise = (outputs: TsvCurationOutput[]) =>
  outputs.map((output) => ({
    quarantined: output.quarantined,
    reusable: output.reusableBytes?.length,
    parts: output.parts.map((part) => ({
      ...part,
      bytes: Buffer.from(part.bytes).toString('base64'),
    })),
  }));

describe('workerTsvCurator', () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'tsv-curation-worker-'));
  const workerPath = path.join(directory, 'tsv-curation-worker.js');

  beforeAll(() => {
    buildSync({
      stdin: {
        contents:
          "import { runTsvCurationWorker } from './run-tsv-curation-worker';\nrunTsvCurationWorker();\n",
        resolveDir: __dirname,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: workerPath,
      tsconfig: path.join(__dirname, '../../tsconfig.json'),
      logLevel: 'silent',
    });
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  // Every factory's parked thread is ended after its test.
  const factories: WorkerTsvCuratorFactory[] = [];
  const curatorFactory = (options: Parameters<typeof workerTsvCurator>[0]) => {
    const factory = workerTsvCurator(options);
    factories.push(factory);
    return factory;
  };
  afterEach(() => Promise.all(factories.splice(0).map((factory) => factory.dispose())));

  it('curates on a worker thread exactly as in process: same bytes, same quarantine', async () => {
    const text = document(400);
    const onWorker = await run(curatorFactory({ workerPath, createdBy: 'spec' })(setupFor()), text);
    const inProcess = await run(
      inProcessTsvCurator(columnarParquetEncoding({ createdBy: 'spec' }))(setupFor()),
      text,
    );
    expect(normalise(onWorker)).toEqual(normalise(inProcess));
    // Each batch comes back from the worker, whole and as sent, for the caller to fill again.
    const sent = Buffer.from(text, 'utf8');
    const cut = sent.indexOf('ü') + 1;
    expect(onWorker.slice(0, 3).map((output) => Buffer.from(output.reusableBytes ?? []))).toEqual([
      sent.subarray(0, cut),
      sent.subarray(cut, cut + 3),
      sent.subarray(cut + 3),
    ]);
    expect(onWorker[3]?.reusableBytes).toBeUndefined();
    const parts = onWorker.flatMap((output) => output.parts);
    const finals = parts.filter((part) => part.finalRows !== undefined);
    expect(finals.map((part) => part.dt)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03']);
    expect(finals.reduce((sum, part) => sum + (part.finalRows ?? 0), 0)).toBe(392);
    expect(onWorker.flatMap((output) => output.quarantined.map((q) => q.reason))).toEqual(
      Array.from({ length: 8 }, () => 'expected 7 fields, found 1'),
    );
    // The cuts change nothing: the same files and quarantine as the document in one piece.
    const whole = inProcessTsvCurator(columnarParquetEncoding({ createdBy: 'spec' }))(setupFor());
    const uncut = [await whole.curate(Buffer.from(text, 'utf8')), await whole.finish()];
    const merged = (outputs: TsvCurationOutput[]) => {
      const all = normalise(outputs);
      return {
        parts: all.flatMap((output) => output.parts),
        quarantined: all.flatMap((output) => output.quarantined),
      };
    };
    expect(merged(onWorker)).toEqual(merged(uncut));
  });

  it('takes a batch it handed back again, refilled, and curates it as the bytes it now holds', async () => {
    const text = Buffer.from(document(400), 'utf8');
    const size = 997;
    const curator = curatorFactory({ workerPath, createdBy: 'spec' })(setupFor());
    const outputs: TsvCurationOutput[] = [];
    try {
      // One buffer goes back and forth for every full piece; the short last piece is its own.
      let batch: Uint8Array = new Uint8Array(size);
      let at = 0;
      for (; at + size <= text.length; at += size) {
        batch.set(text.subarray(at, at + size));
        const output = await curator.curate(batch);
        outputs.push(output);
        expect(output.reusableBytes).toHaveLength(size);
        batch = output.reusableBytes ?? new Uint8Array(size);
      }
      outputs.push(await curator.curate(new Uint8Array(text.subarray(at))));
      outputs.push(await curator.finish());
    } finally {
      await curator.close();
    }
    const whole = inProcessTsvCurator(columnarParquetEncoding({ createdBy: 'spec' }))(setupFor());
    const uncut = [await whole.curate(text), await whole.finish()];
    const merged = (all: TsvCurationOutput[]) => ({
      parts: Buffer.concat(all.flatMap((output) => output.parts.map((part) => part.bytes))),
      quarantined: all.flatMap((output) => output.quarantined),
    });
    expect(merged(outputs)).toEqual(merged(uncut));
  });

  it('reports a failure inside the worker as TsvCurationWorkerError, and closes cleanly', async () => {
    const curator = curatorFactory({ workerPath })({ ...setupFor(), columns: [] });
    await expect(curator.curate(Buffer.from(document(1)))).rejects.toThrow(
      new TsvCurationWorkerError('ParquetSchemaError: A Parquet schema needs at least one column'),
    );
    await curator.close();
    await curator.close();
  });

  // The first failure of a curator whose worker thread runs `source` instead of the real worker.
  async function failureOfWorker(
    source: string,
    options: Omit<Parameters<typeof workerTsvCurator>[0], 'workerPath'> = {},
  ): Promise<unknown> {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'failing-worker-'));
    const script = path.join(directory, 'failing-worker.cjs');
    writeFileSync(script, source);
    try {
      const curator = curatorFactory({ ...options, workerPath: script })(setupFor());
      const failure = await curator.curate(Buffer.from(document(1))).catch((e: unknown) => e);
      await curator.close();
      return failure;
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }

  it('reports a worker thread that dies as retryable TsvCurationWorkerCrashedError', async () => {
    const failure = await failureOfWorker('process.exit(3);\n');
    expect(failure).toBeInstanceOf(TsvCurationWorkerCrashedError);
    expect(failure).toMatchObject({
      message: 'the curation worker exited with code 3',
      retryable: true,
    });
  });

  it('reports a worker that runs out of memory as the non-retryable TsvCurationWorkerError', async () => {
    const failure = await failureOfWorker(
      'const kept = []; for (;;) kept.push(new Array(1e5).fill(kept.length));\n',
      { resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } },
    );
    expect(failure).toBeInstanceOf(TsvCurationWorkerError);
    expect(failure).toMatchObject({
      message: 'the curation worker ran out of memory',
      retryable: false,
    });
  });

  describe('a warm worker thread', () => {
    // A factory that records every worker thread it starts and whether each has exited.
    function watchedCurator(prestart = false) {
      const started: { worker: Worker; exited: Promise<number> }[] = [];
      const open = curatorFactory({
        workerPath,
        createdBy: 'spec',
        prestart,
        onWorkerStarted: (worker: Worker) =>
          started.push({
            worker,
            exited: new Promise((resolve) => worker.once('exit', resolve)),
          }),
      });
      return { open, started };
    }

    it('curates the next document on the thread of the last one, exactly as a new thread', async () => {
      const { open, started } = watchedCurator();
      const first = await run(open(setupFor()), document(400));
      // A different document, in another marketplace's conventions and row group sizes.
      const secondSetup = {
        ...setupFor(),
        dateConventions: dateConventionsOf('ATVPDKIKX0DER'),
        rowGroupSize: 7,
        maxBufferedRows: 9,
      };
      const second = await run(open(secondSetup), document(90));
      expect(started).toHaveLength(1);
      const inProcess = inProcessTsvCurator(columnarParquetEncoding({ createdBy: 'spec' }));
      expect(normalise(first)).toEqual(normalise(await run(inProcess(setupFor()), document(400))));
      expect(normalise(second)).toEqual(normalise(await run(inProcess(secondSetup), document(90))));
    });

    it('is started before the first document when asked to', async () => {
      const { open, started } = watchedCurator(true);
      expect(started).toHaveLength(1);
      const first = await run(open(setupFor()), document(40));
      await run(open(setupFor()), document(40));
      expect(started).toHaveLength(1);
      const inProcess = inProcessTsvCurator(columnarParquetEncoding({ createdBy: 'spec' }));
      expect(normalise(first)).toEqual(normalise(await run(inProcess(setupFor()), document(40))));
    });

    it('is not kept for a document that did not finish, nor after a failure', async () => {
      const { open, started } = watchedCurator();
      const abandoned = open(setupFor());
      await abandoned.curate(Buffer.from(document(10)));
      await abandoned.close();
      await expect(started[0]?.exited).resolves.toBe(1);
      const failing = open({ ...setupFor(), columns: [] });
      await expect(failing.curate(Buffer.from(document(1)))).rejects.toThrow(
        TsvCurationWorkerError,
      );
      // Its document still finishes (nothing was curated), but a request failed on that thread.
      await failing.finish();
      await failing.close();
      await expect(started[1]?.exited).resolves.toBe(1);
      await run(open(setupFor()), document(10));
      expect(started).toHaveLength(3);
    });

    it('takes no more calls from a curator once it is closed', async () => {
      const { open, started } = watchedCurator();
      const done = open(setupFor());
      await done.finish();
      await done.close();
      const next = open(setupFor());
      await expect(done.curate(Buffer.from(document(1)))).rejects.toThrow(
        new TsvCurationWorkerError('the TSV curator is closed'),
      );
      // The late call reached neither the thread nor the document now curated on it.
      await next.curate(Buffer.from(document(3)));
      const finished = await next.finish();
      await next.close();
      expect(started).toHaveLength(1);
      const ends = finished.parts.filter((part) => part.finalRows !== undefined);
      expect(ends.map((part) => [part.dt, part.finalRows])).toEqual([
        ['2026-10-01', 1],
        ['2026-10-02', 1],
        ['2026-10-03', 1],
      ]);
    });

    it('is replaced when it died while parked, and ended by dispose', async () => {
      const { open, started } = watchedCurator();
      await run(open(setupFor()), document(10));
      await started[0]?.worker.terminate();
      const second = await run(open(setupFor()), document(10));
      expect(started).toHaveLength(2);
      expect(second.flatMap((output) => output.parts).length).toBeGreaterThan(0);
      await open.dispose();
      await expect(started[1]?.exited).resolves.toBe(1);
      // A factory whose thread was disposed starts a new one for its next document.
      await run(open(setupFor()), document(10));
      expect(started).toHaveLength(3);
    });

    it('does not keep the process alive while it waits for the next document', () => {
      const driver = path.join(directory, 'driver.js');
      buildSync({
        stdin: {
          contents: [
            "import { workerTsvCurator } from './worker-tsv-curator';",
            'const [workerPath, setup] = JSON.parse(process.argv[2]);',
            'const open = workerTsvCurator({ workerPath });',
            // Started and parked, never used: it must not keep the process alive either.
            'workerTsvCurator({ workerPath, prestart: true });',
            'async function main() {',
            '  for (const document of [1, 2]) {',
            '    const curator = open(setup);',
            "    await curator.curate(Buffer.from('111-1\\t2026-10-01T10:00:00Z\\n'));",
            '    await curator.finish();',
            '    await curator.close();',
            '    console.log(`closed ${document}`);',
            '  }',
            '}',
            'void main();',
          ].join('\n'),
          resolveDir: __dirname,
          loader: 'ts',
        },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        outfile: driver,
        tsconfig: path.join(__dirname, '../../tsconfig.json'),
        logLevel: 'silent',
      });
      const child = spawnSync(
        process.execPath,
        [driver, JSON.stringify([workerPath, setupFor()])],
        { encoding: 'utf8', timeout: 30_000 },
      );
      expect({ status: child.status, stdout: child.stdout, stderr: child.stderr }).toEqual({
        status: 0,
        // The second document runs on the parked thread, taken up again: the process waits for it.
        stdout: 'closed 1\nclosed 2\n',
        stderr: '',
      });
    });
  });
});
