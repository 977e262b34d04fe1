import {
  type Account,
  type RejectedReportConfig,
  type ReportConfig,
  ConfigurationError,
  reportConfigAppliesTo,
  reportMarketplaceIds,
} from '@spapi-lake/config';
import { findReportTypeDefinition } from '@spapi-lake/reports';

/**
 * The report configs that would land another config's rows a second time: an enabled config of the
 * same report type asking for the same reportOptions (the type's defaults, and a period config's
 * reportPeriod, included) for a marketplace of an account an earlier config (in document order)
 * covers already. Curated keys are per report, so both reports' rows would stay in the tables (a
 * snapshot's quantities counted twice). The earlier config keeps running; each later one is set
 * aside like an invalid config, naming the earlier one and the marketplaces they share.
 *
 * `documentIndexes` are the configs' positions in the report-configs document.
 */
export function overlappingReportConfigs(
  configs: readonly ReportConfig[],
  documentIndexes: readonly number[],
  accounts: readonly Account[],
  source: string,
): RejectedReportConfig[] {
  const rejected: RejectedReportConfig[] = [];
  const kept: { config: ReportConfig; index: number; options: string }[] = [];
  configs.forEach((config, position) => {
    const index = documentIndexes[position] ?? position;
    if (!config.enabled) return;
    const options = requestedOptionsOf(config);
    for (const earlier of kept) {
      if (earlier.config.reportType !== config.reportType || earlier.options !== options) continue;
      const shared = sharedMarketplaces(earlier.config, config, accounts);
      if (shared.length === 0) continue;
      const path = `${source}[${index}]`;
      const message =
        `overlaps ${source}[${earlier.index}] ("${earlier.config.id}"): both request ` +
        `${config.reportType} with the same reportOptions for ${listed(shared)}, so its rows ` +
        'would land twice; narrow marketplaceIds or accountTypes, change reportOptions, or disable one';
      rejected.push({
        index,
        id: config.id,
        error: new ConfigurationError(`Invalid ${source}: ${path}: ${message}`, {
          issues: [{ path, message }],
        }),
      });
      return;
    }
    kept.push({ config, index, options });
  });
  return rejected;
}

/**
 * The positions in the document of the configs that passed validation: each entry of the document
 * is either one of them (in order) or a rejected one.
 */
export function documentIndexesOf(
  configs: readonly ReportConfig[],
  rejected: readonly RejectedReportConfig[],
): number[] {
  const rejectedAt = new Set(rejected.map((entry) => entry.index));
  const indexes: number[] = [];
  for (let index = 0; indexes.length < configs.length; index += 1) {
    if (!rejectedAt.has(index)) indexes.push(index);
  }
  return indexes;
}

const MAX_LISTED = 3;

function listed(marketplaces: readonly string[]): string {
  const more = marketplaces.length - MAX_LISTED;
  const names = marketplaces.slice(0, MAX_LISTED).join(', ');
  return more > 0 ? `${names} and ${more} more` : names;
}

// What createReport would carry, as one comparable string.
function requestedOptionsOf(config: ReportConfig): string {
  const options: Record<string, string> = {
    ...findReportTypeDefinition(config.reportType)?.defaultOptions,
    ...config.reportOptions,
  };
  if (config.period !== undefined) options['reportPeriod'] = config.period;
  return JSON.stringify(Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1)));
}

// The marketplaces (as "<partner>/<marketplace>") both configs would request for some account.
function sharedMarketplaces(
  first: ReportConfig,
  second: ReportConfig,
  accounts: readonly Account[],
): string[] {
  return accounts
    .filter((account) => reportConfigAppliesTo(first, account))
    .filter((account) => reportConfigAppliesTo(second, account))
    .flatMap((account) => {
      const ofSecond = reportMarketplaceIds(second, account);
      return reportMarketplaceIds(first, account)
        .filter((marketplaceId) => ofSecond.includes(marketplaceId))
        .map((marketplaceId) => `${account.sellingPartnerId}/${marketplaceId}`);
    });
}
