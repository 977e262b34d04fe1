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
 * would count twice). ASIN lists (Brand Analytics search query and catalog performance) are
 * compared as sets: two lists with an ASIN in common, or a list beside a config without one (every
 * ASIN), ask for the same rows. One config ingests such a marketplace: the one whose lane has come
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
  const claimants = new Map<string, Claim[]>();
  for (const target of targets) {
    const { account, reportConfig } = target;
    const definition = plannedDefinition(definitionOf, reportConfig.reportType);
    if (!definition?.requestable || !definition.accountTypes.includes(account.accountType)) {
      continue;
    }
    const options = requestedOptionsOf(reportConfig, definition);
    const asins = requestedAsinsOf(reportConfig, definition);
    for (const marketplaceId of reportMarketplaceIds(reportConfig, account)) {
      const key = JSON.stringify([
        account.sellingPartnerId,
        account.region,
        marketplaceId,
        reportConfig.reportType,
        options,
      ]);
      const claim = { target, marketplaceId, asins, progress: progressOf(target, marketplaceId) };
      claimants.set(key, [...(claimants.get(key) ?? []), claim]);
    }
  }
  const left = new Map<LaneTarget, { marketplaceIds: string[]; ingestedBy: string[] }>();
  for (const claims of claimants.values()) {
    if (claims.length < 2) continue;
    const ingesting: Claim[] = [];
    for (const claim of byPrecedence(claims)) {
      const owner = ingesting.find((other) => sameRowsAsked(claim, other));
      if (owner === undefined) {
        ingesting.push(claim);
        continue;
      }
      const entry = left.get(claim.target) ?? { marketplaceIds: [], ingestedBy: [] };
      entry.marketplaceIds.push(claim.marketplaceId);
      const ownerId = owner.target.reportConfig.id;
      if (!entry.ingestedBy.includes(ownerId)) entry.ingestedBy.push(ownerId);
      left.set(claim.target, entry);
    }
  }
  return left;
}

interface Claim {
  readonly target: LaneTarget;
  readonly marketplaceId: string;
  /** The ASINs an ASIN-list option names; undefined: every ASIN (or a type without such lists). */
  readonly asins: ReadonlySet<string> | undefined;
  readonly progress: number | undefined;
}

// Claims in the order they get to ingest: furthest watermark, then any state, then document order.
function byPrecedence(claims: readonly Claim[]): Claim[] {
  const started = (claim: Claim) => (claim.progress === undefined ? 0 : 1);
  const progress = (claim: Claim) => claim.progress ?? Number.NEGATIVE_INFINITY;
  return [...claims].sort(
    (a, b) => started(b) - started(a) || compareDescending(progress(a), progress(b)),
  );
}

// -Infinity (a state without a watermark) minus -Infinity is NaN, not 0.
function compareDescending(a: number, b: number): number {
  return a === b ? 0 : a > b ? -1 : 1;
}

// Two configs asking for the same options land the same rows, unless their ASIN lists are apart.
function sameRowsAsked(a: Claim, b: Claim): boolean {
  if (a.asins === undefined || b.asins === undefined) return true;
  for (const asin of a.asins) if (b.asins.has(asin)) return true;
  return false;
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

// What the report is made with but the ASINs it names, as one comparable string.
function requestedOptionsOf(config: ReportConfig, definition: ReportTypeDefinition): string {
  const options: Record<string, string> = {};
  for (const column of definition.datasets.flatMap((dataset) => dataset.columns)) {
    if (column.absentMeans !== undefined && column.source.startsWith(OPTIONS_SOURCE)) {
      options[column.source.slice(OPTIONS_SOURCE.length)] = column.absentMeans;
    }
  }
  Object.assign(options, definition.defaultOptions, config.reportOptions);
  if (config.period !== undefined) options['reportPeriod'] = config.period;
  for (const key of definition.asinListOptions ?? []) delete options[key];
  return JSON.stringify(Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1)));
}

// The ASINs the config's ASIN-list options name; undefined when none does (every ASIN).
function requestedAsinsOf(
  config: ReportConfig,
  definition: ReportTypeDefinition,
): ReadonlySet<string> | undefined {
  const lists = (definition.asinListOptions ?? [])
    .map((key) => config.reportOptions?.[key])
    .filter((list) => list !== undefined);
  if (lists.length === 0) return undefined;
  return new Set(lists.flatMap((list) => list.split(' ')));
}
