import type { ReportTypeDefinition } from './report-type-definition';

/**
 * Why Amazon would refuse these reportOptions for the report type, end the report FATAL, or make it
 * with other options than meant; undefined when they suit it: a `reportPeriod` for a type that takes
 * none (it would also cut the windows by period, past the type's maximum window), a value the type's
 * schema does not list for its key (Brand Analytics search terms have no YEAR), or a key the schema
 * of a type with `onlyListedOptions` does not name.
 */
export function reportOptionsProblem(
  definition: Pick<ReportTypeDefinition, 'reportType' | 'optionValues' | 'onlyListedOptions'>,
  reportOptions: Readonly<Record<string, string>>,
): string | undefined {
  if (
    reportOptions['reportPeriod'] !== undefined &&
    definition.optionValues['reportPeriod'] === undefined
  ) {
    return `${definition.reportType} takes no reportPeriod: use windowDays, not period or reportOptions.reportPeriod`;
  }
  for (const [key, value] of Object.entries(reportOptions)) {
    const allowed = definition.optionValues[key];
    if (allowed === undefined && definition.onlyListedOptions === true) {
      const known = Object.keys(definition.optionValues);
      return `${definition.reportType} takes no reportOptions.${key} (its report schema names ${known.join(', ')})`;
    }
    if (allowed !== undefined && !allowed.includes(value)) {
      return `${definition.reportType} takes reportOptions.${key} ${allowed.join(', ')}, not "${value}"`;
    }
  }
  return undefined;
}
