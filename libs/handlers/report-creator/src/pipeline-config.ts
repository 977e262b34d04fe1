import {
  type Account,
  type ConfigParameterNames,
  ConfigurationError,
  type Endpoints,
  type ReportConfig,
  parseAccounts,
  parseEndpointOverrides,
  parseReportConfigs,
  resolveEndpoints,
} from '@spapi-lake/config';
import type { ParameterSource } from './parameter-source';

/** The pipeline configuration report-creator reads. */
export interface PipelineConfig {
  readonly accounts: readonly Account[];
  readonly reportConfigs: readonly ReportConfig[];
  readonly endpoints: Endpoints;
}

/**
 * Reads and validates the accounts, the report configs (both required) and the optional endpoint
 * overrides from `source`. Throws a ConfigurationError naming the parameter and each bad key.
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
  return {
    accounts: parseAccounts(accounts, names.accounts),
    reportConfigs: parseReportConfigs(reportConfigs, names.reportConfigs),
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
