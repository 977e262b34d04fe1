import { writeWorkflowExports } from './write-workflow-exports';

// `node tools/asl-export/run.mjs <outDir>`: the state machine definitions and the dataset list that
// infra reads at synth time.
const outDir = process.argv[2];
if (outDir === undefined) {
  console.error('usage: asl-export <outDir>');
  process.exit(2);
}
try {
  for (const file of writeWorkflowExports(outDir)) console.log(`wrote ${file}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
