import { ConfigurationError } from './errors';

/** The SSM parameters under one prefix; `endpoints` is optional (absent = Amazon production). */
export const CONFIG_PARAMETERS = {
  accounts: 'accounts',
  reportConfigs: 'report-configs',
  endpoints: 'endpoints',
} as const;

/** Full SSM parameter names of the pipeline's configuration. */
export interface ConfigParameterNames {
  readonly accounts: string;
  readonly reportConfigs: string;
  readonly endpoints: string;
}

// SSM: letters, digits and `.-_` per level, at most 15 levels; names may not start with aws/ssm.
const SEGMENT = /^[A-Za-z0-9_.-]+$/;
const MAX_PREFIX_LEVELS = 14;

/** `spapi-lake/prod`, `/spapi-lake/prod/` -> `/spapi-lake/prod`; throws a ConfigurationError if invalid. */
export function normalizeParameterPrefix(prefix: string): string {
  const segments = prefix.split('/').filter((segment) => segment !== '');
  const problem =
    segments.length === 0
      ? 'must not be empty'
      : segments.length > MAX_PREFIX_LEVELS
        ? `must have at most ${MAX_PREFIX_LEVELS} levels`
        : !segments.every((segment) => SEGMENT.test(segment))
          ? 'each level may hold only letters, digits, ".", "_" and "-"'
          : /^(aws|ssm)/i.test(segments[0] ?? '')
            ? 'must not start with "aws" or "ssm" (reserved by SSM)'
            : undefined;
  if (problem) {
    throw new ConfigurationError(`Invalid SSM parameter prefix: ${problem}`, {
      issues: [{ path: 'prefix', message: problem }],
    });
  }
  return `/${segments.join('/')}`;
}

/** The SSM parameter names under `prefix`, e.g. `/spapi-lake/prod/accounts`. */
export function configParameterNames(prefix: string): ConfigParameterNames {
  const root = normalizeParameterPrefix(prefix);
  return {
    accounts: `${root}/${CONFIG_PARAMETERS.accounts}`,
    reportConfigs: `${root}/${CONFIG_PARAMETERS.reportConfigs}`,
    endpoints: `${root}/${CONFIG_PARAMETERS.endpoints}`,
  };
}
