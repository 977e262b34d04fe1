#!/usr/bin/env node
// An app's `deploy` target: bundles tools/deploy/src/main.ts with esbuild (npm packages left to
// node_modules) into tmp/deploy/main.cjs and runs it with the arguments given, e.g.
//   node tools/deploy/run.mjs --app report-creator --artifact dist/artifacts/report-creator.zip [--dry-run]
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outfile = join(root, 'tmp/deploy/main.cjs');
const build = spawnSync(
  join(root, 'node_modules/.bin/esbuild'),
  [
    'tools/deploy/src/main.ts',
    '--bundle',
    '--platform=node',
    '--format=cjs',
    '--target=node20',
    '--packages=external',
    '--tsconfig=tools/deploy/tsconfig.json',
    '--log-level=warning',
    `--outfile=${outfile}`,
  ],
  { cwd: root, stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
