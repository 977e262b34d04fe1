import type { ReportTypeDefinition } from './report-type-definition';

/**
 * Why Amazon would refuse these reportOptions for the report type, or accept them and end the
 * report FATAL; undefined when they suit it. A `reportPeriod` for a type that takes none would
 * also turn its windows into periods past the type's maximum window.
 */
export function reportOptionsProblem(
  definition: Pick<ReportTypeDefinition, 'reportType' | 'optionValues'>,
  reportOptions: Readonly<Record<string, string>>,
): string | undefined {
  if (
    reportOptions['reportPeriod'] !== undefined &&
    definition.optionValues['reportPeriod'] === undefined
  ) {
    return `${definition.reportType} takes no reportPeriod: use windowDays, not period or reportOptions.reportPeriod`;
  }
  return undefined;
}
