import { isRetryable } from '@spapi-lake/core';
import {
  type ObjectStore,
  type ReportManifest,
  type UncuratedReport,
  manifestKey,
  uncuratedReportKey,
} from '@spapi-lake/lake';
import { findReportDefinition } from './find-report-definition';
import { isStoreError } from './is-store-error';
import {
  type ReplayReportDeps,
  type ReplayReportInput,
  manifestFromRaw,
  objectSize,
} from './replay-report';
import {
  curatedObjectKeys,
  deleteUnlistedKeys,
  failedAgain,
  storeReportManifest,
  storeUncuratedReport,
  storedUncuratedReport,
} from './report-manifest';

/**
 * The uncurated-report record of a report whose raw copy is still in the lake and can be curated
 * on its own (one marketplace, a report type the registry knows, as replayUncuratedReport asks),
 * or undefined: then the document is to be downloaded (also when the raw copy is not the size
 * kept: changed outside the pipeline, it is replaced by the download).
 */
export async function keptRawCopyOf(
  store: ObjectStore,
  input: ReplayReportInput,
): Promise<UncuratedReport | undefined> {
  const record = await storedUncuratedReport(store, uncuratedReportKey(input));
  if (record === undefined || record.marketplaceIds.length !== 1) return undefined;
  if (!findReportDefinition(record.reportType)) return undefined;
  return (await objectSize(store, record.rawKey)) === record.rawBytes ? record : undefined;
}

/**
 * Curates a report from the raw copy an earlier retrieval kept when it could not curate it: the
 * same bytes Amazon served, so the document is not downloaded again, and code deployed since the
 * failure lands it. Stores the manifest and removes the record. When curation fails again for
 * good, the record says the new reason and the error is thrown, as a retrieval's would be; an
 * error of the store (retryable or not) is thrown and leaves the record as it was.
 */
export async function curateKeptRawCopy(
  deps: ReplayReportDeps,
  record: UncuratedReport,
  timeLimit?: AbortSignal,
): Promise<ReportManifest> {
  let manifest: ReportManifest;
  try {
    manifest = await manifestFromRaw(deps, record, timeLimit);
  } catch (error) {
    // A concurrent retrieval that landed the report meanwhile removed the record: not put back.
    if (
      !isRetryable(error) &&
      !isStoreError(error) &&
      !(await deps.store.exists(manifestKey(record)).catch(() => true))
    ) {
      await storeUncuratedReport(
        deps.store,
        failedAgain(record, error, new Date(deps.clock.now())),
      ).catch(() => undefined);
    }
    throw error;
  }
  let stored: ReportManifest;
  try {
    stored = await storeReportManifest(deps.store, manifest);
  } catch (error) {
    // No curated row is left without its manifest.
    await deleteUnlistedKeys(deps.store, curatedObjectKeys(manifest), record);
    throw error;
  }
  // A record left behind (the delete failed) only makes replay find the report landed.
  await deps.store.deleteObject(uncuratedReportKey(record)).catch(() => undefined);
  return stored;
}
