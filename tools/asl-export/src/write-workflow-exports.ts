import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { curatedDatasets } from './curated-datasets';
import { exportedWorkflows } from './exported-workflows';
import { exportedDefinitionErrors } from './validate-exported-definition';

/** The name of the dataset list next to the definitions. */
export const DATASETS_FILE = 'datasets.json';

/**
 * Writes `<name>.asl.json` for each state machine and `datasets.json` into `outDir`. Throws
 * (writing nothing) when asl-validator rejects a definition. Returns the files written.
 */
export function writeWorkflowExports(outDir: string): string[] {
  const files = exportedWorkflows().map((workflow) => {
    const json = `${JSON.stringify(workflow.definition, null, 2)}\n`;
    const errors = exportedDefinitionErrors(json);
    if (errors !== '') throw new Error(`${workflow.name} is not valid ASL: ${errors}`);
    return { fileName: workflow.fileName, json };
  });
  files.push({
    fileName: DATASETS_FILE,
    json: `${JSON.stringify({ datasets: curatedDatasets() }, null, 2)}\n`,
  });
  mkdirSync(outDir, { recursive: true });
  for (const file of files) writeFileSync(path.join(outDir, file.fileName), file.json);
  return files.map((file) => path.join(outDir, file.fileName));
}
