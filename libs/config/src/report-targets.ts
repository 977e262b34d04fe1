import { AccountStatus, type Account } from './account';
import type { MarketplaceId } from './marketplaces';
import type { ReportConfig } from './report-config';

/**
 * The marketplaces a report config covers for one account: the config's override narrowed to the
 * account's marketplaces (so one config can serve accounts of several regions), else the account's.
 */
export function reportMarketplaceIds(config: ReportConfig, account: Account): MarketplaceId[] {
  if (config.marketplaceIds === undefined) return [...account.marketplaceIds];
  return config.marketplaceIds.filter((id) => account.marketplaceIds.includes(id));
}

/** True when the pipeline should run `config` for `account`: both enabled, types and marketplaces match. */
export function reportConfigAppliesTo(config: ReportConfig, account: Account): boolean {
  return (
    config.enabled &&
    account.status === AccountStatus.Active &&
    config.accountTypes.includes(account.accountType) &&
    reportMarketplaceIds(config, account).length > 0
  );
}
