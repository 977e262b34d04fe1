import type { Region } from '@spapi-lake/config';
import type { Clock } from '@spapi-lake/core';
import { type ReportTypeDefinition, reportTypeDefinition } from '@spapi-lake/reports';
import {
  type CreateReportSpecification,
  type Report,
  SpApiNotFoundError,
  SpApiRequestError,
  SpApiServerError,
} from '@spapi-lake/sp-api';
import type { ReportIngestionInput } from '@spapi-lake/workflows';
import { StateStoreContentionError } from '../errors';
import type { ReportCreationApi, ReportCreationApiFor } from '../report-creation-api';
import type { UncuratedReportLookup } from '../uncurated-report-lookup';
import {
  type ReportRequestEntry,
  type ReportRequestSlot,
  type ReportRequestStore,
  withRequest,
} from '../report-request-store';
import { checkReportRequest } from './check-report-request';
import { findPendingReport } from './find-pending-report';
import { readModifyWrite } from './read-modify-write';
import { reportRequestIdentity } from './report-request-identity';

const HOUR_MS = 3_600_000;
/** A DONE report younger than this is reused: an ingestion execution lasts at most 24 h. */
export const DEFAULT_REUSE_DONE_WITHIN_MS = 24 * HOUR_MS;
/**
 * A DONE report the lake keeps uncurated is reused this long after its creation: its raw copy is
 * curated again (code deployed since lands it) instead of a new report being asked for each try.
 * Not for ever: the document itself may be what is broken (corrupt bytes, a one-off malformed
 * file), which only a new report cures, so after a week a try asks for one.
 */
export const DEFAULT_REUSE_UNCURATED_WITHIN_MS = 7 * 24 * HOUR_MS;
/**
 * A report still IN_QUEUE or IN_PROGRESS this long after it was created is taken to be stuck at
 * Amazon: it is not reused, or every try of its window would wait on it until it leaves retention
 * (an IN_QUEUE one is cancelled before the new one is created).
 */
export const DEFAULT_REUSE_IN_FLIGHT_WITHIN_MS = 24 * HOUR_MS;
/**
 * How long an ingestion execution may still wait on a report it reused: the notification timeout
 * (2 h) and the polls after it (48, about 11 h), rounded up to a day.
 */
const REPORT_WAIT_MAX_MS = 24 * HOUR_MS;
// SP-API keeps reports at most 90 days: a record naming an older one is of no use.
const RECORD_TTL_MS = 90 * 24 * HOUR_MS;
const MAX_SLOT_WRITES = 5;

/** The CreateReport task input, its region checked. */
export type CreateReportInput = ReportIngestionInput & { readonly region: Region };

/** What `createReportForWindow` runs on. */
export interface CreateReportDeps {
  readonly reportsApiFor: ReportCreationApiFor;
  readonly requests: ReportRequestStore;
  /**
   * Reports whose documents the lake could not curate: such a DONE report is reused (within
   * `reuseUncuratedWithinMs`), so that its retrieval curates the raw copy it kept rather than a
   * new report being made.
   */
  readonly uncuratedReports: UncuratedReportLookup;
  readonly clock: Clock;
  /** Default: the report-type registry of @spapi-lake/reports. */
  readonly definitionOf?: (reportType: string) => ReportTypeDefinition;
  /** Default DEFAULT_REUSE_DONE_WITHIN_MS. */
  readonly reuseDoneWithinMs?: number;
  /** Default DEFAULT_REUSE_IN_FLIGHT_WITHIN_MS. */
  readonly reuseInFlightWithinMs?: number;
  /** Default DEFAULT_REUSE_UNCURATED_WITHIN_MS. */
  readonly reuseUncuratedWithinMs?: number;
}

/**
 * How the report id was obtained. REUSED_UNCURATED: a DONE report older than the reuse window whose
 * document the lake keeps uncurated (its retrieval curates the kept raw copy again), within
 * `reuseUncuratedWithinMs`.
 */
export type CreateReportOutcome = 'CREATED' | 'REUSED' | 'REUSED_UNCURATED' | 'RECOVERED';

/** What became of an in-flight report given up on as stuck (SPAPI.md 4.1: only IN_QUEUE cancels). */
export const AbandonedReportAction = {
  /** It was IN_QUEUE and cancelReport accepted: it no longer waits ahead of the new one. */
  CANCELLED: 'CANCELLED',
  /** It was IN_PROGRESS, which cannot be cancelled: Amazon finishes it. */
  LEFT_IN_PROGRESS: 'LEFT_IN_PROGRESS',
  /** It was IN_QUEUE but cancelReport failed (e.g. 400: it had just started); created anyway. */
  CANCEL_FAILED: 'CANCEL_FAILED',
  /**
   * It is IN_QUEUE but young enough that another window's execution (a config asking for the same
   * report) may have reused it and still wait on it: a cancel would make that window "no data".
   */
  LEFT_IN_QUEUE: 'LEFT_IN_QUEUE',
} as const;
/** One {@link AbandonedReportAction}. */
export type AbandonedReportAction =
  (typeof AbandonedReportAction)[keyof typeof AbandonedReportAction];

/** The stuck in-flight report a new one replaces. */
export interface AbandonedReport {
  readonly reportId: string;
  readonly processingStatus: 'IN_QUEUE' | 'IN_PROGRESS';
  readonly action: AbandonedReportAction;
  /** Why cancelReport failed (CANCEL_FAILED only), for the handler to log. */
  readonly cancelError?: unknown;
}

/** The report of the window and how it was obtained. */
export interface CreateReportResult {
  readonly reportId: string;
  readonly outcome: CreateReportOutcome;
  /** Set when the report reused is DONE already: no notification is to be waited for. */
  readonly done?: true;
  /** Set when the window's recorded report was stuck in flight and a new one was created. */
  readonly abandoned?: AbandonedReport;
}

/**
 * `CreateReport`: checks the request against the report type's rules (its lookback as of the
 * clock's now included), then asks Amazon for the window's report at most once. Each request is
 * recorded in its slot (pending before createReport, with the report id after), so a repeated call
 * reuses the report while it is IN_QUEUE or IN_PROGRESS (within `reuseInFlightWithinMs` of its
 * creation), or DONE within `reuseDoneWithinMs`, or DONE within `reuseUncuratedWithinMs` while the
 * lake keeps it uncurated (a window whose document could not be curated is not asked for again
 * day after day: its raw copy is curated again, by code deployed since); a FATAL, CANCELLED, stuck
 * or expired one is asked for again. A stuck one still IN_QUEUE is cancelled first, so that it does not hold Amazon's queue
 * ahead of the new one. A pending record (a try that died between the two writes) is resolved with
 * getReports.
 */
export async function createReportForWindow(
  deps: CreateReportDeps,
  input: CreateReportInput,
): Promise<CreateReportResult> {
  const definition = (deps.definitionOf ?? reportTypeDefinition)(input.reportType);
  checkReportRequest(input, definition, deps.clock.now());
  const api = await deps.reportsApiFor({
    sellingPartnerId: input.sellingPartnerId,
    region: input.region,
  });
  const { slotId, requestKey } = reportRequestIdentity(input);
  let abandoned: AbandonedReport | undefined;

  for (let attempt = 1; attempt <= MAX_SLOT_WRITES; attempt += 1) {
    const stored = await deps.requests.get(slotId);
    const slot: ReportRequestSlot = stored?.value ?? { requests: {} };
    const entry = slot.requests[requestKey];
    const now = deps.clock.now();
    const expiresAt = now + RECORD_TTL_MS;

    if (entry?.reportId !== undefined) {
      const report = await reportIfExists(api, entry.reportId);
      if (report !== undefined && reusable(report, now, deps)) {
        const done = report.processingStatus === 'DONE' ? ({ done: true } as const) : {};
        return { reportId: entry.reportId, outcome: 'REUSED', ...done };
      }
      if (
        report?.processingStatus === 'DONE' &&
        Date.parse(report.createdTime) >=
          now - (deps.reuseUncuratedWithinMs ?? DEFAULT_REUSE_UNCURATED_WITHIN_MS) &&
        (await deps.uncuratedReports.isUncurated({
          sellingPartnerId: input.sellingPartnerId,
          reportId: report.reportId,
        }))
      ) {
        return { reportId: entry.reportId, outcome: 'REUSED_UNCURATED', done: true };
      }
      // Stuck in flight: cancelled (if it may be) before any write, once per report: a slot write
      // lost to another try reads it again. Cancelled only once another config's window that
      // reused it (up to reuseInFlightWithinMs after its creation) can no longer wait on it.
      if (report !== undefined && inFlight(report) && abandoned?.reportId !== report.reportId) {
        const reusedUntil =
          Date.parse(report.createdTime) +
          (deps.reuseInFlightWithinMs ?? DEFAULT_REUSE_IN_FLIGHT_WITHIN_MS);
        abandoned = await abandon(api, report, now >= reusedUntil + REPORT_WAIT_MAX_MS);
      }
    } else if (entry !== undefined) {
      const recovered = await findPendingReport(api, {
        input,
        slot,
        requestKey,
        requestedAt: entry.requestedAt,
        snapshot: definition.window.snapshot,
      });
      if (recovered !== undefined) {
        await record(
          deps.requests,
          slotId,
          requestKey,
          { ...entry, reportId: recovered },
          expiresAt,
        );
        return { reportId: recovered, outcome: 'RECOVERED' };
      }
    }

    // A pending entry keeps its first requestedAt: a recovery must search from the earliest try.
    const pending: ReportRequestEntry = {
      requestedAt:
        entry !== undefined && entry.reportId === undefined
          ? entry.requestedAt
          : new Date(now).toISOString(),
    };
    const marked = withRequest(slot, requestKey, pending);
    if (!(await deps.requests.put(slotId, marked, stored?.version, { expiresAt }))) continue;

    let reportId: string;
    try {
      ({ reportId } = await api.createReport(specificationOf(input)));
    } catch (error) {
      // Amazon answered with an error (429, 400, 403...): nothing was created, so the next try
      // must not pay a getReports search. A 5xx or no answer at all stays pending: it may have.
      if (error instanceof SpApiRequestError && !(error instanceof SpApiServerError)) {
        await restore(deps.requests, slotId, requestKey, entry, expiresAt).catch(() => undefined);
      }
      throw error;
    }
    await record(deps.requests, slotId, requestKey, { ...pending, reportId }, expiresAt);
    return { reportId, outcome: 'CREATED', ...(abandoned === undefined ? {} : { abandoned }) };
  }
  throw new StateStoreContentionError(
    `The report request slot ${slotId} changed under ${MAX_SLOT_WRITES} concurrent writes in a row`,
  );
}

/** The createReport body of the window: reportOptions only when there are some. */
function specificationOf(input: CreateReportInput): CreateReportSpecification {
  const hasOptions = Object.keys(input.reportOptions).length > 0;
  return {
    reportType: input.reportType,
    marketplaceIds: [...input.marketplaceIds],
    ...(input.dataStartTime === undefined ? {} : { dataStartTime: input.dataStartTime }),
    ...(input.dataEndTime === undefined ? {} : { dataEndTime: input.dataEndTime }),
    ...(hasOptions ? { reportOptions: { ...input.reportOptions } } : {}),
  };
}

function reusable(
  report: Report,
  now: number,
  deps: Pick<CreateReportDeps, 'reuseDoneWithinMs' | 'reuseInFlightWithinMs'>,
): boolean {
  switch (report.processingStatus) {
    case 'IN_QUEUE':
    case 'IN_PROGRESS':
      return (
        Date.parse(report.createdTime) >=
        now - (deps.reuseInFlightWithinMs ?? DEFAULT_REUSE_IN_FLIGHT_WITHIN_MS)
      );
    case 'DONE':
      return (
        Date.parse(report.createdTime) >=
        now - (deps.reuseDoneWithinMs ?? DEFAULT_REUSE_DONE_WITHIN_MS)
      );
    default:
      return false;
  }
}

type InFlightReport = Report & { readonly processingStatus: 'IN_QUEUE' | 'IN_PROGRESS' };

function inFlight(report: Report): report is InFlightReport {
  return report.processingStatus === 'IN_QUEUE' || report.processingStatus === 'IN_PROGRESS';
}

/**
 * Cancels a stuck report that is IN_QUEUE, once no other window's execution can still wait on it
 * (`cancellable`); its status is the getReport answer the reuse check has just read. The cancel is
 * only a courtesy to Amazon's queue: whatever fails (400: it left IN_QUEUE meanwhile, 404, 403, or
 * a throttle or 5xx the client's retries did not cure) is returned for the handler to log, and the
 * new report is created all the same.
 */
async function abandon(
  api: ReportCreationApi,
  report: InFlightReport,
  cancellable: boolean,
): Promise<AbandonedReport> {
  const { reportId, processingStatus } = report;
  if (processingStatus === 'IN_PROGRESS') {
    return { reportId, processingStatus, action: AbandonedReportAction.LEFT_IN_PROGRESS };
  }
  if (!cancellable) {
    return { reportId, processingStatus, action: AbandonedReportAction.LEFT_IN_QUEUE };
  }
  try {
    await api.cancelReport(reportId);
    return { reportId, processingStatus, action: AbandonedReportAction.CANCELLED };
  } catch (error) {
    return {
      reportId,
      processingStatus,
      action: AbandonedReportAction.CANCEL_FAILED,
      cancelError: error,
    };
  }
}

async function reportIfExists(
  api: ReportCreationApi,
  reportId: string,
): Promise<Report | undefined> {
  try {
    return await api.getReport(reportId);
  } catch (error) {
    // Past its retention, or never visible to this partner: ask again.
    if (error instanceof SpApiNotFoundError) return undefined;
    throw error;
  }
}

/** Puts back the entry as it was before the pending mark (none: removes it). */
function restore(
  store: ReportRequestStore,
  slotId: string,
  requestKey: string,
  previous: ReportRequestEntry | undefined,
  expiresAt: number,
): Promise<void> {
  return readModifyWrite(
    store,
    slotId,
    (current) => ({ value: withRequest(current, requestKey, previous), result: undefined }),
    { expiresAt },
  );
}

function record(
  store: ReportRequestStore,
  slotId: string,
  requestKey: string,
  entry: ReportRequestEntry,
  expiresAt: number,
): Promise<void> {
  return readModifyWrite(
    store,
    slotId,
    (current) => ({ value: withRequest(current, requestKey, entry), result: undefined }),
    { expiresAt },
  );
}
