import type { FaultInjector } from '../../faults/fault-injector';
import type { SimulatorContext } from '../../server/context';
import type { AmazonGeneratedReport, ReportGenerator, ReportRequestSpec } from './report-generator';
import { advanceLifecycle, completeReport, settleHistorical } from './report-lifecycle';
import { queryReports } from './report-query';
import { generatedReportNumber, newReportNumber } from './report-numbers';
import { dueScheduledRuns } from './report-schedules';
import {
  type ReportFilter,
  type ReportRecord,
  type ReportTiming,
  reportState,
} from './report-state';
import { type ReportsConfig, timingFor } from './reports-config';

/** What the engine needs besides the per-call context. */
export interface ReportEngineDeps {
  readonly generator: ReportGenerator;
  readonly config: ReportsConfig;
  readonly faults: FaultInjector;
  /** Simulated time the simulator started; older Amazon-generated reports are not notified. */
  readonly simulatorStart: number;
}

/** A report to create. */
export interface NewReport {
  readonly sellingPartnerId: string;
  readonly reportType: string;
  readonly marketplaceIds: readonly string[];
  readonly dataStartTime: string;
  readonly dataEndTime: string;
  readonly reportOptions: Readonly<Record<string, string>>;
  readonly createdTime: number;
  readonly reportScheduleId?: string;
  readonly timing?: ReportTiming;
  /** The generator's own spec (Amazon-generated reports); built from the input otherwise. */
  readonly spec?: ReportRequestSpec;
  /** A given id (Amazon-generated reports keep theirs); a new one from the clock otherwise. */
  readonly reportId?: string;
}

const DAY_MS = 86_400_000;
// Amazon-generated reports are looked up again over this overlap, then de-duplicated.
const GENERATED_OVERLAP_MS = 35 * DAY_MS;
const GENERATED_LOOKBACK_MS = 90 * DAY_MS;
const GENERATED_WINDOW_MS = 365 * DAY_MS;

/** Creates reports and moves them through their lifecycle, lazily from the simulated clock. */
export class ReportEngine {
  constructor(private readonly deps: ReportEngineDeps) {}

  /** Creates a report IN_QUEUE. */
  create(ctx: SimulatorContext, input: NewReport): ReportRecord {
    const state = reportState(ctx.world);
    const partner = ctx.world.partners.get(input.sellingPartnerId);
    const reportId = input.reportId ?? newReportNumber(state, ctx.clock.now());
    const rowsOverride = this.deps.config.rowsOverride?.[input.reportType];
    const timing = input.timing ?? timingFor(this.deps.config, input.reportType);
    const record: ReportRecord = {
      reportId,
      sellingPartnerId: input.sellingPartnerId,
      reportType: input.reportType,
      marketplaceIds: [...input.marketplaceIds],
      dataStartTime: input.dataStartTime,
      dataEndTime: input.dataEndTime,
      createdTime: input.createdTime,
      ...(input.reportScheduleId === undefined ? {} : { reportScheduleId: input.reportScheduleId }),
      spec: input.spec ?? {
        reportType: input.reportType,
        sellingPartnerId: input.sellingPartnerId,
        accountType: partner?.accountType ?? 'seller',
        marketplaceIds: [...input.marketplaceIds],
        dataStartTime: input.dataStartTime,
        dataEndTime: input.dataEndTime,
        reportOptions: { ...input.reportOptions },
        seed: ctx.world.seed,
        ...(rowsOverride === undefined ? {} : { rowsOverride }),
        requestTime: new Date(input.createdTime).toISOString(),
      },
      timing,
      historical:
        input.createdTime + timing.inQueueMs + timing.inProgressMs <= this.deps.simulatorStart,
      processingStatus: 'IN_QUEUE',
    };
    state.reports.set(reportId, record);
    return record;
  }

  /** Cancels an IN_QUEUE report (callers check the status first). */
  cancel(ctx: SimulatorContext, record: ReportRecord): void {
    completeReport(ctx, record, 'CANCELLED', ctx.clock.now());
  }

  /** Generates historical reports among `records` that were not read yet. */
  settle(ctx: SimulatorContext, records: Iterable<ReportRecord>): void {
    settleHistorical(ctx, reportState(ctx.world), this.deps, records);
  }

  /** getReports: the partner's reports matching `filter`, newest first (historical ones settled). */
  query(ctx: SimulatorContext, sellingPartnerId: string, filter: ReportFilter): ReportRecord[] {
    const { processingStatuses, ...rest } = filter;
    const candidates = queryReports(
      reportState(ctx.world).reports.values(),
      sellingPartnerId,
      rest,
    );
    this.settle(ctx, candidates);
    return processingStatuses === undefined
      ? candidates
      : candidates.filter((r) => processingStatuses.includes(r.processingStatus));
  }

  /** Creates scheduled and Amazon-generated reports due by now, then advances every lifecycle. */
  tick(ctx: SimulatorContext): void {
    const state = reportState(ctx.world);
    const now = ctx.clock.now();
    for (const run of dueScheduledRuns(state.schedules.values(), now)) {
      const { schedule } = run;
      this.create(ctx, {
        sellingPartnerId: schedule.sellingPartnerId,
        reportType: schedule.reportType,
        marketplaceIds: schedule.marketplaceIds,
        dataStartTime: new Date(run.dataStartTime).toISOString(),
        dataEndTime: new Date(run.createdTime).toISOString(),
        reportOptions: schedule.reportOptions,
        createdTime: run.createdTime,
        reportScheduleId: schedule.reportScheduleId,
      });
    }
    this.createAmazonGenerated(ctx, now);
    advanceLifecycle(ctx, state, this.deps);
  }

  private createAmazonGenerated(ctx: SimulatorContext, now: number): void {
    const state = reportState(ctx.world);
    for (const partner of ctx.world.partners.values()) {
      const until = state.amazonGeneratedUntil.get(partner.sellingPartnerId);
      if (until !== undefined && now - until < 60_000) continue;
      state.amazonGeneratedUntil.set(partner.sellingPartnerId, now);
      const start =
        until === undefined
          ? this.deps.simulatorStart - GENERATED_LOOKBACK_MS
          : until - GENERATED_OVERLAP_MS;
      // Windows of at most a year keep each generator call bounded after large clock jumps.
      for (let from = start; from < now; from += GENERATED_WINDOW_MS) {
        const generated = this.deps.generator.amazonGeneratedReports({
          sellingPartnerId: partner.sellingPartnerId,
          accountType: partner.accountType,
          marketplaceIds: [...partner.marketplaceIds],
          from: new Date(from).toISOString(),
          to: new Date(Math.min(now, from + GENERATED_WINDOW_MS)).toISOString(),
          seed: ctx.world.seed,
        });
        for (const report of generated) this.recordGenerated(ctx, report, now);
      }
    }
  }

  private recordGenerated(ctx: SimulatorContext, report: AmazonGeneratedReport, now: number): void {
    const state = reportState(ctx.world);
    const { spec } = report;
    const createdTime = Date.parse(report.dataEndTime);
    const key = [
      spec.sellingPartnerId,
      report.reportType,
      report.dataStartTime,
      report.dataEndTime,
      ...spec.marketplaceIds,
    ].join('|');
    if (createdTime > now || state.amazonGeneratedKeys.has(key)) return;
    state.amazonGeneratedKeys.add(key);
    this.create(ctx, {
      sellingPartnerId: spec.sellingPartnerId,
      reportType: report.reportType,
      marketplaceIds: spec.marketplaceIds,
      dataStartTime: report.dataStartTime,
      dataEndTime: report.dataEndTime,
      reportOptions: spec.reportOptions,
      createdTime,
      timing: { inQueueMs: 0, inProgressMs: 0 },
      spec,
      reportId: generatedReportNumber(state, ctx.world.seed, key),
    });
  }
}
