#!/usr/bin/env node
// Runs every tools/bench/*.bench.ts: bundles it with esbuild into tmp/bench/<name>.cjs, then runs
// that with node, passing the remaining arguments on (e.g. `--mb 50`).
// Usage: node tools/bench/run.mjs [--bench <name>] [bench options]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDirectory = dirname(fileURLToPath(import.meta.url));
const root = resolve(benchDirectory, '../..');
const esbuild = join(root, 'node_modules/.bin/esbuild');

const args = process.argv.slice(2);
const filterIndex = args.indexOf('--bench');
const only = filterIndex === -1 ? undefined : args.splice(filterIndex, 2)[1];

const benches = readdirSync(benchDirectory)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.slice(0, -'.bench.ts'.length))
  .filter((name) => only === undefined || name === only)
  .sort();
if (benches.length === 0) {
  console.error(`no bench found${only === undefined ? '' : ` named ${only}`}`);
  process.exit(1);
}

let failed = 0;
for (const name of benches) {
  const entry = relative(root, join(benchDirectory, `${name}.bench.ts`));
  const outfile = join(root, 'tmp/bench', `${name}.cjs`);
  console.log(`\n== ${name} ==`);
  const build = spawnSync(
    esbuild,
    [
      entry,
      '--bundle',
      '--platform=node',
      '--format=cjs',
      '--target=node20',
      '--sourcemap',
      '--log-level=warning',
      `--outfile=${outfile}`,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  const run =
    build.status === 0
      ? spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], {
          cwd: root,
          stdio: 'inherit',
        })
      : build;
  if (run.status !== 0) {
    failed += 1;
    console.error(`${name} failed`);
  }
}
process.exit(failed === 0 ? 0 : 1);
