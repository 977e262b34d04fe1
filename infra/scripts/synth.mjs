#!/usr/bin/env node
// `nx run infra:synth`: bundles infra/src/main.ts with esbuild (our libs inlined through the tsconfig
// path aliases, npm packages such as cdktf left to node_modules) and runs it, which writes
// infra/cdktf.out/stacks/spapi-lake/cdk.tf.json. Needs dist/workflows and dist/artifacts (the
// target's dependsOn builds them).
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outfile = join(root, 'tmp/infra/main.cjs');
const build = spawnSync(
  join(root, 'node_modules/.bin/esbuild'),
  [
    'infra/src/main.ts',
    '--bundle',
    '--platform=node',
    '--format=cjs',
    '--target=node20',
    '--packages=external',
    '--tsconfig=infra/tsconfig.json',
    '--log-level=warning',
    `--outfile=${outfile}`,
  ],
  { cwd: root, stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, [outfile, root], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
