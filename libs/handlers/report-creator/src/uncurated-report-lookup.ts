import { type ObjectStore, manifestKey, uncuratedReportKey } from '@spapi-lake/lake';

/** Which reports the lake keeps uncurated: retrieved DONE, their documents not curated yet. */
export interface UncuratedReportLookup {
  isUncurated(report: {
    readonly sellingPartnerId: string;
    readonly reportId: string;
  }): Promise<boolean>;
}

/**
 * The lake's uncurated-report records (read only: `_manifests/uncurated-reports/`), a record left
 * beside the report's manifest (its delete failed) not counted: that report has landed.
 */
export function lakeUncuratedReports(store: Pick<ObjectStore, 'exists'>): UncuratedReportLookup {
  return {
    isUncurated: async (report) =>
      (await store.exists(uncuratedReportKey(report))) &&
      !(await store.exists(manifestKey(report))),
  };
}
