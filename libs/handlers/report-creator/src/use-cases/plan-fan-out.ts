import {
  type Account,
  ConfigurationError,
  type RejectedReportConfig,
  type ReportConfig,
  reportConfigAppliesTo,
  reportMarketplaceIds,
} from '@spapi-lake/config';
import { TypedError } from '@spapi-lake/core';
import { type ReportTypeDefinition, reportTypeDefinition } from '@spapi-lake/reports';
import {
  DEFAULT_MAX_PLAN_BYTES,
  type FanOutLane,
  type LaneBeyondLookback,
  type PlanFanOutInput,
  type PlanFanOutOutput,
  WindowPlanningError,
  laneOf,
  limitPlanSize,
  planLanes,
  planningTime,
} from '@spapi-lake/workflows';
import type { LaneStateStore } from '../lane-state-store';
import {
  type LaneTarget,
  OVERLAPPING_REPORT_CONFIG,
  lanesLeftToAnother,
  leftToAnotherMessage,
} from './overlapping-lanes';

/** What `planFanOut` runs on. */
export interface PlanFanOutDeps {
  /** The accounts and report configs (SSM on AWS, cached; local files in the runner). */
  readonly config: () => Promise<{
    readonly accounts: readonly Account[];
    readonly reportConfigs: readonly ReportConfig[];
    /** Entries of the report-configs document that failed validation. */
    readonly rejectedReportConfigs?: readonly RejectedReportConfig[];
  }>;
  readonly lanes: Pick<LaneStateStore, 'getMany'>;
  /** Default: the report-type registry of @spapi-lake/reports. */
  readonly definitionOf?: (reportType: string) => ReportTypeDefinition;
  /** Windows per lane per run; default the workflows' DEFAULT_MAX_WINDOWS_PER_RUN. */
  readonly maxWindowsPerRun?: number;
  /** Bytes of the whole plan (lanes and reports); default the workflows' DEFAULT_MAX_PLAN_BYTES. */
  readonly maxPlanBytes?: number;
}

/** An (account, report config) pair that could not be planned; its lanes wait until it is fixed. */
export interface PlanProblem {
  readonly sellingPartnerId: string;
  readonly region: string;
  readonly reportConfigId: string;
  readonly errorName: string;
  readonly message: string;
}

/** A report config of the document that failed validation, left out of the plan. */
export interface InvalidReportConfig {
  readonly index: number;
  readonly reportConfigId?: string;
  readonly message: string;
}

/**
 * Days of one lane the plan leaves behind for good: older than the report type's lookback, where
 * Amazon cancels the report. The lane starts at `to`; nothing before it is ever requested.
 */
export interface BeyondLookbackSkip {
  readonly laneKey: string;
  readonly sellingPartnerId: string;
  readonly region: string;
  readonly reportConfigId: string;
  readonly reportType: string;
  readonly marketplaceId: string;
  /** The lane's watermark, or where its start date would have started it. */
  readonly from: string;
  /** Where the lane starts instead. */
  readonly to: string;
  readonly days: number;
  readonly maxLookbackDays: number;
  readonly message: string;
}

/**
 * The plan, plus the pairs and report configs left out because their configuration is wrong, and
 * the days lanes skip because Amazon does not report that far back.
 */
export interface FanOutPlan extends PlanFanOutOutput {
  readonly problems: readonly PlanProblem[];
  readonly invalidReportConfigs: readonly InvalidReportConfig[];
  readonly beyondLookback: readonly BeyondLookbackSkip[];
}

/**
 * `PlanWindows`: the due windows of every lane (active account x report config applying to its
 * account type x marketplace) as of `planningTime(input)`, each lane continuing at its stored
 * watermark (or, once that is older than the report type's lookback, inside it: the days skipped
 * are in `beyondLookback`), trimmed so that the whole plan fits the fan-out's state. A pair whose
 * configuration cannot be planned (missing reportOptions, a type Amazon generates itself) is
 * reported as a problem instead of stopping every other lane, and so is a report config that
 * failed validation, and a config's marketplaces whose rows another config ingests already
 * (`lanesLeftToAnother`: they are left out, its other marketplaces planned). A run that names
 * report configs (each config's schedule names its own) fails with a ConfigurationError when one
 * of them is invalid or missing, so that schedule's executions fail and alarm rather than succeed
 * having done nothing.
 */
export async function planFanOut(
  deps: PlanFanOutDeps,
  input: PlanFanOutInput,
): Promise<FanOutPlan> {
  const now = planningTime(input);
  const { accounts, reportConfigs, rejectedReportConfigs = [] } = await deps.config();
  const partners = input.request.sellingPartnerIds;
  const configIds = input.request.reportConfigIds;
  if (configIds !== undefined) requireUsable(configIds, reportConfigs, rejectedReportConfigs);
  // Every config of the partners, not only this run's: another schedule's config may ingest the
  // same rows (lanesLeftToAnother).
  const partnerTargets: LaneTarget[] = accounts
    .filter((account) => partners === undefined || partners.includes(account.sellingPartnerId))
    .flatMap((account) =>
      reportConfigs
        .filter((config) => reportConfigAppliesTo(config, account))
        .map((reportConfig) => ({ account, reportConfig })),
    );
  const targets = partnerTargets.filter(
    ({ reportConfig }) => configIds === undefined || configIds.includes(reportConfig.id),
  );

  // planLanes asks for the state of every marketplace of the account: read them in one go.
  const states = await deps.lanes.getMany(
    partnerTargets.flatMap(({ account, reportConfig }) =>
      account.marketplaceIds.map(
        (marketplaceId) => laneOf(account, reportConfig, marketplaceId).key,
      ),
    ),
  );
  const definitionOf = deps.definitionOf ?? reportTypeDefinition;
  const leftToAnother = lanesLeftToAnother(
    partnerTargets,
    definitionOf,
    ({ account, reportConfig }, marketplaceId) => {
      const state = states.get(laneOf(account, reportConfig, marketplaceId).key);
      if (state === undefined) return undefined;
      const watermark = state.watermark === undefined ? Number.NaN : Date.parse(state.watermark);
      return Number.isNaN(watermark) ? -Infinity : watermark;
    },
  );
  const lanes: FanOutLane[] = [];
  const problems: PlanProblem[] = [];
  const beyondLookback: BeyondLookbackSkip[] = [];
  for (const target of targets) {
    const { account } = target;
    let { reportConfig } = target;
    const left = leftToAnother.get(target);
    if (left !== undefined) {
      problems.push({
        sellingPartnerId: account.sellingPartnerId,
        region: account.region,
        reportConfigId: reportConfig.id,
        errorName: OVERLAPPING_REPORT_CONFIG,
        message: leftToAnotherMessage(target, left),
      });
      const kept = reportMarketplaceIds(reportConfig, account).filter(
        (marketplaceId) => !left.marketplaceIds.includes(marketplaceId),
      );
      if (kept.length === 0) continue;
      reportConfig = { ...reportConfig, marketplaceIds: kept };
    }
    try {
      const definition = definitionOf(reportConfig.reportType);
      // A config may list both account types for a type only one of them can request.
      if (!definition.accountTypes.includes(account.accountType)) continue;
      if (!definition.requestable) {
        throw new WindowPlanningError(
          reportConfig.id,
          `${reportConfig.reportType} is generated by Amazon and cannot be requested`,
        );
      }
      const plan = planLanes({
        reportConfig,
        account,
        definition,
        laneState: (key) => states.get(key),
        now,
        ingestionStateMachineArn: input.ingestionStateMachineArn,
        ...(deps.maxWindowsPerRun === undefined ? {} : { maxWindowsPerRun: deps.maxWindowsPerRun }),
      });
      lanes.push(...plan.lanes);
      beyondLookback.push(...plan.beyondLookback.map(toSkip));
    } catch (error) {
      if (!(error instanceof TypedError) || error.retryable) throw error;
      problems.push({
        sellingPartnerId: account.sellingPartnerId,
        region: account.region,
        reportConfigId: reportConfig.id,
        errorName: error.name,
        message: error.message,
      });
    }
  }
  const invalidReportConfigs = rejectedReportConfigs.map((rejected) => ({
    index: rejected.index,
    ...(rejected.id === undefined ? {} : { reportConfigId: rejected.id }),
    message: rejected.error.message,
  }));
  const reports = { problems, invalidReportConfigs, beyondLookback };
  // The Lambda's whole result counts against the state's size limit, not only the lanes.
  const { lanes: _none, ...reported } = fanOutPlanResult({ lanes: [], ...reports });
  const budget = (deps.maxPlanBytes ?? DEFAULT_MAX_PLAN_BYTES) - bytesOf(reported);
  return { lanes: limitPlanSize(byPartnerInTurn(lanes), budget), ...reports };
}

/**
 * The lanes with partners taking turns (each partner's own lanes in their order): the fan-out runs
 * a few lanes at once, in this order, and SP-API's quotas (createReport: one a minute after a
 * burst of 15) are per partner, so concurrent lanes of different partners do not wait on one
 * bucket; a plan cut to size keeps some lanes of every partner.
 */
export function byPartnerInTurn(lanes: readonly FanOutLane[]): FanOutLane[] {
  const queues = new Map<string, FanOutLane[]>();
  for (const lane of lanes) {
    const queue = queues.get(lane.lane.sellingPartnerId) ?? [];
    queue.push(lane);
    queues.set(lane.lane.sellingPartnerId, queue);
  }
  const ordered: FanOutLane[] = [];
  for (let turn = 0; ordered.length < lanes.length; turn += 1) {
    for (const queue of queues.values()) {
      const lane = queue[turn];
      if (lane !== undefined) ordered.push(lane);
    }
  }
  return ordered;
}

/** Entries of each list of left-out things the PlanWindows result carries; the logs carry all. */
export const MAX_REPORTED_ENTRIES = 25;

/** What PlanWindows returns: the plan with each list cut to its first MAX_REPORTED_ENTRIES. */
export interface FanOutPlanResult extends FanOutPlan {
  /** How many entries of each list were cut (only when some were). */
  readonly omitted?: {
    readonly problems: number;
    readonly invalidReportConfigs: number;
    readonly beyondLookback: number;
  };
}

/**
 * The plan as the fan-out state receives it: however many lanes are beyond the lookback or
 * misconfigured, the lists stay small, so they never crowd the lanes out of the state's 256 KiB.
 */
export function fanOutPlanResult(plan: FanOutPlan): FanOutPlanResult {
  const cut = <T>(entries: readonly T[]) => entries.slice(0, MAX_REPORTED_ENTRIES);
  const over = (entries: readonly unknown[]) => Math.max(0, entries.length - MAX_REPORTED_ENTRIES);
  const omitted = {
    problems: over(plan.problems),
    invalidReportConfigs: over(plan.invalidReportConfigs),
    beyondLookback: over(plan.beyondLookback),
  };
  return {
    lanes: plan.lanes,
    problems: cut(plan.problems),
    invalidReportConfigs: cut(plan.invalidReportConfigs),
    beyondLookback: cut(plan.beyondLookback),
    ...(Object.values(omitted).some((count) => count > 0) ? { omitted } : {}),
  };
}

const encoder = new TextEncoder();
const bytesOf = (value: unknown) => encoder.encode(JSON.stringify(value)).length;

function toSkip({ lane, from, to, days, maxLookbackDays }: LaneBeyondLookback): BeyondLookbackSkip {
  return {
    laneKey: lane.key,
    sellingPartnerId: lane.sellingPartnerId,
    region: lane.region,
    reportConfigId: lane.reportConfigId,
    reportType: lane.reportType,
    marketplaceId: lane.marketplaceId,
    from,
    to,
    days,
    maxLookbackDays,
    message: `${days} days before ${to} are beyond Amazon's ${maxLookbackDays}-day lookback for ${lane.reportType} and will never be requested`,
  };
}

function requireUsable(
  configIds: readonly string[],
  reportConfigs: readonly ReportConfig[],
  rejected: readonly RejectedReportConfig[],
): void {
  for (const id of configIds) {
    if (reportConfigs.some((config) => config.id === id)) continue;
    const invalid = rejected.find((entry) => entry.id === id);
    if (invalid !== undefined) throw invalid.error;
    throw new ConfigurationError(`Report config ${id} is not in the report configs`, {
      issues: [{ path: id, message: 'no report config has this id' }],
    });
  }
}
