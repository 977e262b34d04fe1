#!/usr/bin/env node
// `npm test`: format check, lint, typecheck and every jest project, then the affected-graph check.
// Ends with one summary line ("tests: N passed, N failed") added up from every jest project's results.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const resultsDir = path.join(root, 'tmp/jest-results');

function run(title, command, args) {
  console.log(`\n== ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status ?? result.signal}).`);
    summarize();
    process.exit(result.status ?? 1);
  }
}

function summarize() {
  if (!existsSync(resultsDir)) return;
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of readdirSync(resultsDir).filter((name) => name.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(path.join(resultsDir, file), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  }
  console.log(
    `\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
  );
}

rmSync(resultsDir, { recursive: true, force: true });
const nxArgs = ['--output-style=static', ...(process.env.CI ? ['--skip-nx-cache'] : [])];
run('format', 'npx', ['prettier', '--check', '.']);
run('lint, typecheck, test', 'npx', [
  'nx',
  'run-many',
  '-t',
  'lint',
  'typecheck',
  'test',
  ...nxArgs,
]);
run('affected graph', 'node', ['tools/scripts/check-affected.mjs']);
summarize();
