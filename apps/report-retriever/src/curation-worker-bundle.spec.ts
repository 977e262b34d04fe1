import { buildSync } from 'esbuild';
import { unzipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { datasetColumns } from '@spapi-lake/ingestion';
import { workerTsvCurator } from '@spapi-lake/lake-adapters';
import { dateConventionsOf, reportTypeDefinition, tsvLayout } from '@spapi-lake/reports';

// The Lambda zip carries the TSV curation worker beside main.js, where dependencies.ts looks for
// it: built from project.json's entry points the way @nx/esbuild builds them ([dir]/[name] under
// the entries' common folder), packaged by tools/scripts/package-app.cjs, then run from the zip.

// Bundling the whole app takes a few seconds, more on a busy machine.
jest.setTimeout(120_000);

const root = path.resolve(__dirname, '../../..');
const projectRoot = 'apps/report-retriever';
const { packageDirectory } = require(path.join(root, 'tools/scripts/package-app.cjs')) as {
  packageDirectory: (sourceDir: string, zipFile: string) => string;
};

function entryPoints(): string[] {
  const project = JSON.parse(
    readFileSync(path.join(root, projectRoot, 'project.json'), 'utf8'),
  ) as {
    targets: { build: { options?: { additionalEntryPoints?: string[] } } };
  };
  const additional = project.targets.build.options?.additionalEntryPoints ?? [];
  return [`${projectRoot}/src/main.ts`, ...additional].map((entry) =>
    entry.replace('{projectRoot}', projectRoot),
  );
}

describe('the report-retriever artifact', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'report-retriever-artifact-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the curation worker beside main.js, and the worker runs from it', async () => {
    const dist = path.join(work, 'dist');
    const built = buildSync({
      absWorkingDir: root,
      entryPoints: entryPoints(),
      entryNames: '[dir]/[name]',
      outdir: dist,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      mainFields: ['module', 'main'],
      tsconfig: path.join(root, projectRoot, 'tsconfig.json'),
      logLevel: 'silent',
      metafile: true,
    });
    // One worker per document: it loads only what curation needs, not the S3 client or hyparquet.
    const workerInputs = Object.entries(built.metafile.outputs).find(([output]) =>
      output.endsWith('tsv-curation-worker.js'),
    )?.[1].inputs;
    expect(Object.keys(workerInputs ?? {}).length).toBeGreaterThan(0);
    expect(
      Object.keys(workerInputs ?? {}).filter((input) =>
        /node_modules\/(@aws-sdk|@smithy|hyparquet)/.test(input),
      ),
    ).toEqual([]);
    const zip = path.join(work, 'report-retriever.zip');
    packageDirectory(dist, zip);
    const entries = unzipSync(readFileSync(zip));
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining(['main.js', 'tsv-curation-worker.js']),
    );

    const unpacked = path.join(work, 'unpacked');
    const workerPath = path.join(unpacked, 'tsv-curation-worker.js');
    mkdirSync(unpacked);
    writeFileSync(workerPath, entries['tsv-curation-worker.js'] ?? new Uint8Array());
    const dataset = reportTypeDefinition('GET_MERCHANT_LISTINGS_ALL_DATA').datasets[0];
    if (!dataset) throw new Error('listings have a dataset');
    const header = dataset.columns.map((column) => column.source);
    const openCurator = workerTsvCurator({ workerPath });
    const curator = openCurator({
      dataset,
      text: { kind: 'utf-8' },
      header,
      columns: datasetColumns(dataset, tsvLayout(dataset, header).observation.driftColumns, false),
      lineage: { _report_id: '1', _report_processed_at: 0, _data_start_time: 0, _data_end_time: 0 },
      windowStart: '2026-10-01T00:00:00Z',
      dateConventions: dateConventionsOf('A1PA6795UKMFR9'),
      firstLine: 2,
      rowGroupSize: 10,
      maxBufferedRows: 10,
    });
    try {
      await curator.curate(
        Buffer.from(`${header.map((_, i) => (i === 0 ? 'x' : '')).join('\t')}\n`),
      );
      const finished = await curator.finish();
      const ends = finished.parts.filter((part) => part.finalRows !== undefined);
      expect(ends.map((part) => [part.dt, part.finalRows])).toEqual([['2026-10-01', 1]]);
    } finally {
      await curator.close();
      await openCurator.dispose();
    }
  });
});
