// Worker-thread entry point bundled beside main.js (see project.json additionalEntryPoints):
// curates TSV report documents for the retriever's main thread (workerTsvCurator).
import { runTsvCurationWorker } from '@spapi-lake/lake-adapters/curation-worker';

runTsvCurationWorker();
