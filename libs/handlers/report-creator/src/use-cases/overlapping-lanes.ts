import { type Account, type ReportConfig, reportMarketplaceIds } from '@spapi-lake/config';
import type { ReportTypeDefinition } from '@spapi-lake/reports';

/** The `errorName` of the plan problem reporting a config's lanes left to another config. */
export const OVERLAPPING_REPORT_CONFIG = 'OverlappingReportConfig';

/** An (account, report config) pair the fan-out plans. */
export interface LaneTarget {
  readonly account: Account;
  readonly reportConfig: ReportConfig;
}

/** Marketplaces of one target that another config ingests, and which config that is. */
export interface LeftToAnother {
  readonly marketplaceIds: readonly string[];
  readonly ingestedBy: readonly string[];
}

const OPTIONS_SOURCE = 'reportSpecification.reportOptions.';

/**
 * Lanes whose rows another config's lane lands already: report configs of one report type that
 * ask for the same reportOptions (with the type's default options, the defaults Amazon documents
 * for options left out, and a period config's reportPeriod) for one marketplace of one account
 * would land the same rows twice, since curated objects are per report (a snapshot's quantities
 * would count twice). One config ingests such a marketplace: the one whose lane has come
 * furthest (latest watermark; a config added later, or one back after a pause, must not land the
 * days again), else one whose lane has a state (it has started), else the first in document
 * order. The others leave that marketplace alone and go on with their others.
 *
 * `targets` are in document order per account; `definitionOf` may throw for an unknown type
 * (planning reports it); `progressOf` is how far a config's lane for a marketplace has come: its
 * watermark (epoch ms), -Infinity for a state without one, undefined without a state.
 */
export function lanesLeftToAnother(
  targets: readonly LaneTarget[],
  definitionOf: (reportType: string) => ReportTypeDefinition,
  progressOf: (target: LaneTarget, marketplaceId: string) => number | undefined,
): Map<LaneTarget, LeftToAnother> {
  const claimants = new Map<string, { target: LaneTarget; marketplaceId: string }[]>();
  for (const target of targets) {
    const { account, reportConfig } = target;
    const definition = plannedDefinition(definitionOf, reportConfig.reportType);
    if (!definition?.requestable || !definition.accountTypes.includes(account.accountType)) {
      continue;
    }
    const options = requestedOptionsOf(reportConfig, definition);
    for (const marketplaceId of reportMarketplaceIds(reportConfig, account)) {
      const key = JSON.stringify([
        account.sellingPartnerId,
        account.region,
        marketplaceId,
        reportConfig.reportType,
        options,
      ]);
      claimants.set(key, [...(claimants.get(key) ?? []), { target, marketplaceId }]);
    }
  }
  const left = new Map<LaneTarget, { marketplaceIds: string[]; ingestedBy: string[] }>();
  for (const claims of claimants.values()) {
    if (claims.length < 2) continue;
    const owner = furthest(claims, progressOf);
    for (const { target, marketplaceId } of claims) {
      if (target === owner?.target) continue;
      const entry = left.get(target) ?? { marketplaceIds: [], ingestedBy: [] };
      entry.marketplaceIds.push(marketplaceId);
      const ownerId = owner?.target.reportConfig.id ?? '';
      if (!entry.ingestedBy.includes(ownerId)) entry.ingestedBy.push(ownerId);
      left.set(target, entry);
    }
  }
  return left;
}

function furthest<T extends { target: LaneTarget; marketplaceId: string }>(
  claims: readonly T[],
  progressOf: (target: LaneTarget, marketplaceId: string) => number | undefined,
): T | undefined {
  let owner: { claim: T; progress: number } | undefined;
  for (const claim of claims) {
    const progress = progressOf(claim.target, claim.marketplaceId);
    if (progress !== undefined && (owner === undefined || progress > owner.progress)) {
      owner = { claim, progress };
    }
  }
  return owner?.claim ?? claims[0];
}

/** The plan problem's message for a target's lanes left to another config. */
export function leftToAnotherMessage(target: LaneTarget, left: LeftToAnother): string {
  const others = left.ingestedBy.map((id) => `"${id}"`).join(', ');
  return (
    `${left.marketplaceIds.join(', ')}: report config ${others} ingests the same ` +
    `${target.reportConfig.reportType} rows (same reportOptions) there, and two configs would ` +
    'land them twice; left out here (narrow marketplaceIds or accountTypes, change reportOptions, ' +
    'or disable one)'
  );
}

function plannedDefinition(
  definitionOf: (reportType: string) => ReportTypeDefinition,
  reportType: string,
): ReportTypeDefinition | undefined {
  try {
    return definitionOf(reportType);
  } catch {
    return undefined;
  }
}

// What the report is made with, as one comparable string.
function requestedOptionsOf(config: ReportConfig, definition: ReportTypeDefinition): string {
  const options: Record<string, string> = {};
  for (const column of definition.datasets.flatMap((dataset) => dataset.columns)) {
    if (column.absentMeans !== undefined && column.source.startsWith(OPTIONS_SOURCE)) {
      options[column.source.slice(OPTIONS_SOURCE.length)] = column.absentMeans;
    }
  }
  Object.assign(options, definition.defaultOptions, config.reportOptions);
  if (config.period !== undefined) options['reportPeriod'] = config.period;
  return JSON.stringify(Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1)));
}
