#!/usr/bin/env node
// Proves that `nx affected` is precise: a change to libs/sp-api alone marks sp-api and its dependants
// (computed independently from the project graph) and nothing else. Runs in `npm test`.
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const changedProject = process.argv[2] ?? 'sp-api';
const nx = (...args) =>
  execFileSync('npx', ['nx', ...args], { cwd: root, encoding: 'utf8', env: process.env });

mkdirSync(path.join(root, 'tmp'), { recursive: true });
const graphFile = path.join(root, 'tmp/project-graph.json');
nx('graph', `--file=${graphFile}`);
const { graph } = JSON.parse(readFileSync(graphFile, 'utf8'));

const node = graph.nodes[changedProject];
if (!node) throw new Error(`project ${changedProject} is not in the graph`);
const changedFile = `${node.data.root}/src/index.ts`;

const dependants = new Set([changedProject]);
for (let grew = true; grew;) {
  grew = false;
  for (const [source, edges] of Object.entries(graph.dependencies)) {
    if (!dependants.has(source) && edges.some((edge) => dependants.has(edge.target))) {
      dependants.add(source);
      grew = true;
    }
  }
}

const affected = new Set(
  nx('show', 'projects', '--affected', `--files=${changedFile}`, '--json')
    .trim()
    .split('\n')
    .slice(-1)
    .flatMap((line) => JSON.parse(line)),
);

const expected = [...dependants].sort();
const actual = [...affected].sort();
const untouched = Object.keys(graph.nodes).filter((name) => !dependants.has(name));
console.log(`changed: ${changedFile}`);
console.log(`affected: ${actual.join(', ')}`);
console.log(`not affected: ${untouched.sort().join(', ')}`);
if (JSON.stringify(expected) !== JSON.stringify(actual)) {
  console.error(`expected exactly ${expected.join(', ')}`);
  process.exit(1);
}
if (untouched.length === 0) {
  console.error('every project depends on the changed one: the check proves nothing');
  process.exit(1);
}
console.log('affected graph: ok');
