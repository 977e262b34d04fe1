import type { Account, Region } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import { type ObjectStore, manifestKey } from '@spapi-lake/lake';
import type { GetReportsQuery, GetReportsResponse, Report } from '@spapi-lake/sp-api';
import type { AccountSource } from '../account-source';
import type { RetrievalRetrier } from '../retrieval-retrier';
import type { RetrievalStarter, UnsolicitedReportRetrieval } from '../retrieval-starter';

/** How long Amazon keeps reports (SPAPI.md 4.3): a sweep never looks further back. */
export const REPORT_RETENTION_DAYS = 90;
/** getReports' largest page (reports_2021-06-30.json `pageSize` maximum). */
export const GET_REPORTS_MAX_PAGE_SIZE = 100;
/** Report types one getReports call may filter on (the model's `reportTypes` maxItems). */
const MAX_REPORT_TYPES_PER_CALL = 10;
/**
 * Retrievals one sweep starts per partner at most: each asks getReportDocument, whose burst is 15
 * per partner (refilling one a minute), so a backlog (the first sweep, after an outage) is taken
 * over days rather than failing retrievals on the quota.
 */
export const DEFAULT_MAX_STARTS_PER_ACCOUNT = 10;
/** Time a sweep keeps in hand: no account is begun with less left (a throttled page waits). */
export const SWEEP_TIME_MARGIN_MS = 3 * 60_000;

/** The Reports API operation a sweep calls, for one partner (its client paces the rate limit). */
export interface ReportListingApi {
  getReports(query: GetReportsQuery): Promise<GetReportsResponse>;
}

/** Dependencies of {@link sweepAmazonGeneratedReports}. */
export interface SweepAmazonGeneratedReportsDeps {
  readonly accounts: AccountSource;
  readonly reportsApiFor: (partner: {
    readonly sellingPartnerId: string;
    readonly region: Region;
  }) => Promise<ReportListingApi>;
  /** The curated zone, where report manifests say what has landed. */
  readonly lake: Pick<ObjectStore, 'exists'>;
  readonly retrievals: RetrievalStarter;
  readonly retries: RetrievalRetrier;
  readonly clock: Clock;
  /** The Amazon-generated report types to list (default: those the report registry knows). */
  readonly reportTypes: readonly string[];
  /** Days back from the sweep's instant, at most {@link REPORT_RETENTION_DAYS}. */
  readonly lookbackDays: number;
  /** Default {@link DEFAULT_MAX_STARTS_PER_ACCOUNT}. */
  readonly maxStartsPerAccount?: number;
  readonly pageSize?: number;
}

/** What a sweep found for one report. */
export type SweptReportAction =
  | 'landed'
  | 'started'
  | 'running'
  | 'succeeded'
  | 'retried'
  | 'exhausted'
  | 'no-document'
  /** Not started: the partner's retrievals for this sweep were used up; a later sweep starts it. */
  | 'deferred';

/** One report the sweep looked at. */
export interface SweptReport {
  readonly sellingPartnerId: string;
  readonly region: Region;
  readonly reportType: string;
  readonly reportId: string;
  readonly action: SweptReportAction;
  /** The attempt started (`retried`) or the attempts spent (`exhausted`). */
  readonly attempt?: number;
}

/** What a sweep did; a failed account is listed and the others went on. */
export interface SweepSummary {
  readonly createdSince: string;
  /** Active seller accounts swept. */
  accounts: number;
  /** getReports pages read. */
  pages: number;
  readonly reports: SweptReport[];
  readonly failures: {
    readonly sellingPartnerId: string;
    readonly region: Region;
    readonly errorName: string;
    readonly message: string;
  }[];
  /** Accounts not begun for want of time; the next sweeps begin elsewhere in the list. */
  readonly deferredAccounts: { readonly sellingPartnerId: string; readonly region: Region }[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The backstop of REPORT_PROCESSING_FINISHED for reports Amazon generates (settlements), whose
 * notification is not certain (SPAPI.md 6.6): lists every active seller's DONE reports of those
 * types created in the lookback and starts the retrieval of each one not in the lake. A report
 * has landed when its manifest is there; one kept uncurated (a record, no manifest) has not, and
 * its later attempts curate the kept raw copy. Otherwise the first attempt is started through the same port as the
 * notification consumer uses, idempotent by execution name; when that name is taken and the
 * report still has not landed, the retrier starts the next attempt only if every earlier one
 * failed, so a failed retrieval is tried again by a later sweep and a landed one never is.
 */
export async function sweepAmazonGeneratedReports(
  deps: SweepAmazonGeneratedReportsDeps,
  input: {
    readonly asOf?: string;
    /** Time left to the invocation (Lambda's getRemainingTimeInMillis); unbounded without it. */
    readonly timeLeftMs?: () => number;
  } = {},
): Promise<SweepSummary> {
  const now = deps.clock.now();
  const asOf = input.asOf === undefined ? now : Date.parse(input.asOf);
  const lookbackDays = Math.min(deps.lookbackDays, REPORT_RETENTION_DAYS);
  // A late retry of a scheduled invocation must not reach past what Amazon keeps.
  const createdSince = new Date(
    Math.max(asOf - lookbackDays * DAY_MS, now - REPORT_RETENTION_DAYS * DAY_MS + HOUR_MS),
  ).toISOString();
  // Lineage of the retrievals this sweep starts, the same for a retried invocation of it.
  const sweepId = `getReports-sweep-${new Date(asOf).toISOString().slice(0, 10)}`;
  const summary: SweepSummary = {
    createdSince,
    accounts: 0,
    pages: 0,
    reports: [],
    failures: [],
    deferredAccounts: [],
  };
  // Settlements are payouts to sellers: vendors have none.
  const accounts = rotated(
    (await deps.accounts.list()).filter(
      (account) => account.status === 'active' && account.accountType === 'seller',
    ),
    Math.floor(asOf / DAY_MS),
  );
  for (const account of accounts) {
    if (input.timeLeftMs !== undefined && input.timeLeftMs() < SWEEP_TIME_MARGIN_MS) {
      summary.deferredAccounts.push({
        sellingPartnerId: account.sellingPartnerId,
        region: account.region,
      });
      continue;
    }
    summary.accounts += 1;
    try {
      await sweepAccount(deps, account, { createdSince, sweepId }, summary);
    } catch (error) {
      summary.failures.push({
        sellingPartnerId: account.sellingPartnerId,
        region: account.region,
        errorName: error instanceof Error ? error.name : 'UnknownError',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return summary;
}

// Each day's sweep begins at another account, so a sweep that runs out of time does not leave the
// same accounts unswept every day.
function rotated<T>(items: readonly T[], turn: number): T[] {
  if (items.length === 0) return [];
  const start = turn % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

async function sweepAccount(
  deps: SweepAmazonGeneratedReportsDeps,
  account: Account,
  sweep: { readonly createdSince: string; readonly sweepId: string },
  summary: SweepSummary,
): Promise<void> {
  const { sellingPartnerId, region } = account;
  const api = await deps.reportsApiFor({ sellingPartnerId, region });
  let startsLeft = deps.maxStartsPerAccount ?? DEFAULT_MAX_STARTS_PER_ACCOUNT;
  for (let first = 0; first < deps.reportTypes.length; first += MAX_REPORT_TYPES_PER_CALL) {
    let page = await api.getReports({
      reportTypes: deps.reportTypes.slice(first, first + MAX_REPORT_TYPES_PER_CALL),
      processingStatuses: ['DONE'],
      createdSince: sweep.createdSince,
      pageSize: deps.pageSize ?? GET_REPORTS_MAX_PAGE_SIZE,
    });
    for (;;) {
      summary.pages += 1;
      for (const report of page.reports) {
        const action = await sweepReport(deps, account, report, sweep.sweepId, startsLeft > 0);
        if (action.action === 'started' || action.action === 'retried') startsLeft -= 1;
        summary.reports.push({
          sellingPartnerId,
          region,
          reportType: report.reportType,
          reportId: report.reportId,
          ...action,
        });
      }
      if (page.nextToken === undefined) break;
      // SPAPI.md 4.4: a page token goes alone; any other parameter fails the call.
      page = await api.getReports({ nextToken: page.nextToken });
    }
  }
}

async function sweepReport(
  deps: SweepAmazonGeneratedReportsDeps,
  account: Account,
  report: Report,
  sweepId: string,
  mayStart: boolean,
): Promise<{ readonly action: SweptReportAction; readonly attempt?: number }> {
  const { sellingPartnerId, region } = account;
  if (report.reportDocumentId === undefined) return { action: 'no-document' };
  // An uncurated-report record is not landed: a retried retrieval curates its kept raw copy (no
  // download), so code deployed since the failure lands it.
  if (await deps.lake.exists(manifestKey({ sellingPartnerId, reportId: report.reportId }))) {
    return { action: 'landed' };
  }
  if (!mayStart) return { action: 'deferred' };
  const request: UnsolicitedReportRetrieval = {
    sellingPartnerId,
    region,
    reportType: report.reportType,
    report: { reportId: report.reportId },
    status: { processingStatus: 'DONE', reportDocumentId: report.reportDocumentId },
    notificationId: sweepId,
  };
  if ((await deps.retrievals.start(request)) === 'started') return { action: 'started' };
  const retry = await deps.retries.retryFailed(request);
  switch (retry.outcome) {
    case 'retried':
      return { action: 'retried', attempt: retry.attempt };
    case 'exhausted':
      return { action: 'exhausted', attempt: retry.attempts };
    default:
      return { action: retry.outcome };
  }
}
