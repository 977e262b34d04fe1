/**
 * One report request of one lane (partner x report config x marketplace): the half-open UTC interval
 * [start, end) it covers and the createReport fields that ask for exactly that interval.
 */
export interface ReportWindow {
  /** Inclusive start, ISO 8601 UTC without milliseconds. */
  readonly start: string;
  /** Exclusive end: the lane's watermark once this window is ingested. */
  readonly end: string;
  /**
   * The watermark this window continues from: `start`, except for a lane's very first window
   * (undefined) and a snapshot lane that skipped days it can no longer fetch (the older watermark).
   */
  readonly previousWatermark?: string;
  /** createReport `dataStartTime` (= start); absent for snapshots, which take no dates. */
  readonly dataStartTime?: string;
  /** createReport `dataEndTime`: SP-API reads it as inclusive, so end minus one second. */
  readonly dataEndTime?: string;
  /** Exactly one marketplace: flat files do not say which marketplace a row belongs to. */
  readonly marketplaceIds: readonly [string];
  /** createReport `reportOptions` (string values), `reportPeriod` filled in for periods. */
  readonly reportOptions: Readonly<Record<string, string>>;
}
