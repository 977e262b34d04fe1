import type { ColumnarParquetEncoding } from '@spapi-lake/lake';
import { TsvColumnarEngine } from './tsv-columnar-engine';
import type { TsvCurator, TsvCuratorFactory } from './tsv-curator';

/** TSV curation on the calling thread (tests, the local runner, small documents). */
export function inProcessTsvCurator(encoding: ColumnarParquetEncoding): TsvCuratorFactory {
  return (setup): TsvCurator => {
    const engine = new TsvColumnarEngine(setup, encoding);
    const run = <T>(action: () => T): Promise<T> => {
      try {
        return Promise.resolve(action());
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    return {
      curate: (bytes) => run(() => ({ ...engine.curate(bytes), reusableBytes: bytes })),
      finish: () => run(() => engine.finish()),
      close: () => Promise.resolve(),
    };
  };
}
