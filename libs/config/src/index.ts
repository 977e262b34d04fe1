export {
  AccountSchema,
  AccountsSchema,
  AccountStatus,
  AccountType,
  parseAccounts,
  type Account,
  type AccountInput,
} from './account';
export {
  DEFAULT_ENDPOINTS,
  EndpointOverridesSchema,
  parseEndpointOverrides,
  resolveEndpoints,
  type EndpointOverrides,
  type Endpoints,
} from './endpoints';
export { parseEnvironment } from './environment';
export { ConfigurationError, type ConfigurationIssue } from './errors';
export {
  MARKETPLACES,
  findMarketplace,
  isMarketplaceId,
  marketplacesInRegion,
  type Marketplace,
  type MarketplaceId,
} from './marketplaces';
export { MarketplaceIdSchema } from './marketplace-id-schema';
export {
  CONFIG_PARAMETERS,
  configParameterNames,
  normalizeParameterPrefix,
  type ConfigParameterNames,
} from './parameter-names';
export { Region } from './region';
export {
  ReportConfigSchema,
  ReportConfigsSchema,
  ReportPeriod,
  parseReportConfigEntries,
  parseReportConfigs,
  type RejectedReportConfig,
  type ReportConfig,
  type ReportConfigEntries,
  type ReportConfigInput,
} from './report-config';
export { reportConfigAppliesTo, reportMarketplaceIds } from './report-targets';
export {
  SCHEDULE_PRESETS,
  ScheduleSchema,
  scheduleProblem,
  toScheduleExpression,
  type SchedulePreset,
} from './schedule';
