#!/usr/bin/env node
// @ts-check
// Generates libs/sp-api/src/generated/ from the SP-API models in models/spapi/.
// Usage: node tools/codegen/generate.mjs [--out <dir>] [--models <dir>]
// (defaults: libs/sp-api/src/generated and models/spapi)
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from './src/generate-all.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' }, models: { type: 'string' } } });
const outDir = values.out ? resolve(values.out) : join(root, 'libs/sp-api/src/generated');
const modelsDir = values.models ? resolve(values.models) : join(root, 'models/spapi');

const written = await generate({ modelsDir, outDir });
process.stdout.write(`codegen: wrote ${written.length} files to ${outDir}\n`);
