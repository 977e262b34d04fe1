#!/usr/bin/env node
// Bundles tools/asl-export/src/main.ts with esbuild (our libs inlined through the tsconfig path
// aliases, npm packages left to node_modules) into tmp/asl-export/main.cjs and runs it.
// Usage: node tools/asl-export/run.mjs <outDir>
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outfile = join(root, 'tmp/asl-export/main.cjs');
const build = spawnSync(
  join(root, 'node_modules/.bin/esbuild'),
  [
    'tools/asl-export/src/main.ts',
    '--bundle',
    '--platform=node',
    '--format=cjs',
    '--target=node20',
    '--packages=external',
    '--tsconfig=tools/asl-export/tsconfig.json',
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
