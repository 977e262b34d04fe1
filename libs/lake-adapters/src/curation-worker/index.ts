// What a curation worker thread loads, and nothing more: the package's main entry also brings the
// S3 client and hyparquet, which would cost every worker (one per document) their load time.
export { runTsvCurationWorker } from './run-tsv-curation-worker';
