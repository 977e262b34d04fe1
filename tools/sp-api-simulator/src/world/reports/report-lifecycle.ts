import type { FaultInjector } from '../../faults/fault-injector';
import type { SimulatorContext } from '../../server/context';
import type { ReportGenerator } from './report-generator';
import {
  type ReportRecord,
  type ReportState,
  type TerminalStatus,
  isTerminal,
} from './report-state';
import { type ReportsConfig, documentEncoding } from './reports-config';

/** What advancing the lifecycle needs. */
export interface LifecycleDeps {
  readonly generator: ReportGenerator;
  readonly config: ReportsConfig;
  readonly faults: FaultInjector;
}

interface Transition {
  readonly at: number;
  readonly step: 'start' | 'finish';
  readonly record: ReportRecord;
}

/**
 * Applies every transition due by now, in time order across reports, so REPORT_PROCESSING_FINISHED
 * notifications leave in the order the reports finished. A stuck fault holds reports IN_PROGRESS.
 */
export function advanceLifecycle(
  ctx: SimulatorContext,
  state: ReportState,
  deps: LifecycleDeps,
): void {
  const now = ctx.clock.now();
  const due: Transition[] = [];
  for (const record of state.reports.values()) {
    if (isTerminal(record.processingStatus) || record.historical) continue;
    const startAt = record.processingStartTime ?? record.createdTime + record.timing.inQueueMs;
    if (startAt > now) continue;
    if (record.processingStatus === 'IN_QUEUE') due.push({ at: startAt, step: 'start', record });
    const finishAt = record.stuck === true ? now : startAt + record.timing.inProgressMs;
    if (finishAt > now) continue;
    if (deps.faults.isStuck(record.reportType)) record.stuck = true;
    else due.push({ at: finishAt, step: 'finish', record });
  }
  due.sort((a, b) => a.at - b.at || (a.step === b.step ? 0 : a.step === 'start' ? -1 : 1));
  for (const transition of due) {
    if (transition.step === 'start') {
      transition.record.processingStatus = 'IN_PROGRESS';
      transition.record.processingStartTime = transition.at;
    } else {
      finishReport(ctx, state, deps, transition.record, transition.at);
    }
  }
}

/** Runs the lifecycle of not yet settled historical reports, at their planned times. */
export function settleHistorical(
  ctx: SimulatorContext,
  state: ReportState,
  deps: LifecycleDeps,
  records: Iterable<ReportRecord>,
): void {
  for (const record of records) {
    if (!record.historical || isTerminal(record.processingStatus)) continue;
    const startAt = record.createdTime + record.timing.inQueueMs;
    record.processingStatus = 'IN_PROGRESS';
    record.processingStartTime = startAt;
    finishReport(ctx, state, deps, record, startAt + record.timing.inProgressMs);
  }
}

function finishReport(
  ctx: SimulatorContext,
  state: ReportState,
  deps: LifecycleDeps,
  record: ReportRecord,
  at: number,
): void {
  const outcome = deps.generator.generateReport(record.spec);
  record.outcome = outcome;
  if (outcome.kind === 'no-data') {
    completeReport(ctx, record, 'CANCELLED', at);
    return;
  }
  const json = outcome.kind === 'fatal' || outcome.format === 'json';
  const flatFile = outcome.kind === 'document' && outcome.flatFile;
  const encoding = documentEncoding(deps.config, {
    reportType: record.reportType,
    json,
    flatFile,
    marketplaceIds: record.marketplaceIds,
  });
  const partner = ctx.world.partners.get(record.sellingPartnerId);
  const region = (partner?.region ?? 'NA').toLowerCase();
  const reportDocumentId = ctx.newId(`amzn1.spdoc.1.4.${region}.`);
  const errorDocument = outcome.kind === 'fatal' ? outcome.errorDocument : '';
  state.documents.set(reportDocumentId, {
    reportDocumentId,
    reportId: record.reportId,
    sellingPartnerId: record.sellingPartnerId,
    reportType: record.reportType,
    ...encoding,
    text: outcome.kind === 'document' ? outcome.text : () => [errorDocument],
  });
  record.reportDocumentId = reportDocumentId;
  completeReport(ctx, record, outcome.kind === 'document' ? 'DONE' : 'FATAL', at);
}

/** Moves `record` to a terminal status and notifies (unless it predates the simulator). */
export function completeReport(
  ctx: SimulatorContext,
  record: ReportRecord,
  status: TerminalStatus,
  at: number,
): void {
  record.processingStatus = status;
  // A report cancelled while IN_QUEUE never started processing.
  if (status !== 'CANCELLED') record.processingStartTime ??= at;
  record.processingEndTime = at;
  if (record.historical) return;
  ctx.notifications.reportProcessingFinished({
    sellingPartnerId: record.sellingPartnerId,
    reportId: record.reportId,
    reportType: record.reportType,
    processingStatus: status,
    ...(record.reportDocumentId === undefined ? {} : { reportDocumentId: record.reportDocumentId }),
  });
}
