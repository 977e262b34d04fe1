// @ts-check
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unknownGrantlessOperations } from './grantless.mjs';
import { spApiModels } from './models.mjs';
import { collectOperations, renderOperationsModule } from './operation-table.mjs';
import { renderTypesModule } from './types-module.mjs';

/**
 * Reads the SP-API models and writes `operations.ts` plus one `<api>.types.ts` per model into
 * `outDir`, removing any other `.ts` file there (a generated folder holds generated files only).
 * @param {{ modelsDir: string; outDir: string }} options
 * @returns {Promise<string[]>} the file names written
 */
export async function generate({ modelsDir, outDir }) {
  /** @type {Map<string, string>} */
  const files = new Map();
  /** @type {import('./operation-table.mjs').OperationEntry[]} */
  const operations = [];
  for (const source of spApiModels) {
    const model = JSON.parse(await readFile(join(modelsDir, source.file), 'utf8'));
    operations.push(...collectOperations(source, model));
    files.set(source.typesModule, await renderTypesModule(model, source.file));
  }
  const missing = unknownGrantlessOperations(operations.map((entry) => entry.operationId));
  if (missing.length > 0) {
    throw new Error(`grantless operations not found in the models: ${missing.join(', ')}`);
  }
  files.set(
    'operations.ts',
    renderOperationsModule(
      operations,
      spApiModels.map((source) => source.file),
    ),
  );

  await mkdir(outDir, { recursive: true });
  for (const existing of await readdir(outDir)) {
    if (existing.endsWith('.ts') && !files.has(existing)) await rm(join(outDir, existing));
  }
  for (const [name, content] of files) await writeFile(join(outDir, name), content);
  return [...files.keys()].sort();
}
