import { type ObjectStore, uncuratedReportKey } from '@spapi-lake/lake';

/** Which reports the lake keeps uncurated: retrieved DONE, their documents not curated yet. */
export interface UncuratedReportLookup {
  isUncurated(report: {
    readonly sellingPartnerId: string;
    readonly reportId: string;
  }): Promise<boolean>;
}

/** The lake's uncurated-report records (read only: `_manifests/uncurated-reports/`). */
export function lakeUncuratedReports(store: Pick<ObjectStore, 'exists'>): UncuratedReportLookup {
  return { isUncurated: (report) => store.exists(uncuratedReportKey(report)) };
}
