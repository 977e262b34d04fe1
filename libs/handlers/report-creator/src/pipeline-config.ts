import {
  type Account,
  type ConfigParameterNames,
  ConfigurationError,
  type Endpoints,
  type RejectedReportConfig,
  type ReportConfig,
  parseAccounts,
  parseEndpointOverrides,
  parseReportConfigEntries,
  resolveEndpoints,
} from '@spapi-lake/config';
import type { ParameterSource } from './parameter-source';

/** The pipeline configuration report-creator reads. */
export interface PipelineConfig {
  readonly accounts: readonly Account[];
  readonly reportConfigs: readonly ReportConfig[];
  /** Report configs that failed validation: the others are planned without them. */
  readonly rejectedReportConfigs: readonly RejectedReportConfig[];
  readonly endpoints: Endpoints;
}

/**
 * Reads and validates the accounts, the report configs (both required) and the optional endpoint
 * overrides from `source`. Throws a ConfigurationError naming the parameter and each bad key; a
 * report config that fails validation is set aside in `rejectedReportConfigs` instead.
 */
export async function loadPipelineConfig(
  source: ParameterSource,
  names: ConfigParameterNames,
): Promise<PipelineConfig> {
  const [accounts, reportConfigs, endpoints] = await Promise.all([
    required(source, names.accounts),
    required(source, names.reportConfigs),
    source.get(names.endpoints),
  ]);
  const { configs, rejected } = parseReportConfigEntries(reportConfigs, names.reportConfigs);
  return {
    accounts: parseAccounts(accounts, names.accounts),
    reportConfigs: configs,
    rejectedReportConfigs: rejected,
    endpoints: resolveEndpoints(
      endpoints === undefined ? {} : parseEndpointOverrides(endpoints, names.endpoints),
    ),
  };
}

/** The endpoints alone (CreateReport needs no accounts or report configs). */
export async function loadEndpoints(
  source: ParameterSource,
  names: Pick<ConfigParameterNames, 'endpoints'>,
): Promise<Endpoints> {
  const endpoints = await source.get(names.endpoints);
  return resolveEndpoints(
    endpoints === undefined ? {} : parseEndpointOverrides(endpoints, names.endpoints),
  );
}

async function required(source: ParameterSource, name: string): Promise<string> {
  const value = await source.get(name);
  if (value === undefined) {
    throw new ConfigurationError(`Missing configuration parameter ${name}`, {
      issues: [{ path: name, message: 'required' }],
    });
  }
  return value;
}
