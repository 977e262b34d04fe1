import type { ReportTypeDefinition } from './report-type-definition';

/** Amazon's limit on an ASIN list option ("There is a 200-character limit", the report schemas). */
export const MAX_ASIN_LIST_CHARACTERS = 200;
const ASIN_LIST = /^[A-Z0-9]{10}( [A-Z0-9]{10})*$/;

/**
 * Why Amazon would refuse these reportOptions for the report type, end the report FATAL, or make it
 * with other options than meant; undefined when they suit it: a `reportPeriod` for a type that takes
 * none (it would also cut the windows by period, past the type's maximum window), a value the type's
 * schema does not list for its key (Brand Analytics search terms have no YEAR), an ASIN list longer
 * than Amazon's 200 characters or not of distinct ten-character ASINs separated by single spaces
 * (our stricter reading of "space-separated", so that lists compare as sets), or a key the
 * schema of a type with `onlyListedOptions` does not name.
 */
export function reportOptionsProblem(
  definition: Pick<
    ReportTypeDefinition,
    'reportType' | 'optionValues' | 'onlyListedOptions' | 'asinListOptions'
  >,
  reportOptions: Readonly<Record<string, string>>,
): string | undefined {
  if (
    reportOptions['reportPeriod'] !== undefined &&
    definition.optionValues['reportPeriod'] === undefined
  ) {
    return `${definition.reportType} takes no reportPeriod: use windowDays, not period or reportOptions.reportPeriod`;
  }
  const asinLists = definition.asinListOptions ?? [];
  for (const [key, value] of Object.entries(reportOptions)) {
    if (asinLists.includes(key)) {
      const problem = asinListProblem(value);
      if (problem !== undefined) return `${definition.reportType} reportOptions.${key} ${problem}`;
      continue;
    }
    const allowed = definition.optionValues[key];
    if (allowed === undefined && definition.onlyListedOptions === true) {
      const known = [...Object.keys(definition.optionValues), ...asinLists];
      return `${definition.reportType} takes no reportOptions.${key} (its report schema names ${known.join(', ')})`;
    }
    if (allowed !== undefined && !allowed.includes(value)) {
      return `${definition.reportType} takes reportOptions.${key} ${allowed.join(', ')}, not "${value}"`;
    }
  }
  return undefined;
}

function asinListProblem(value: string): string | undefined {
  if (value.length > MAX_ASIN_LIST_CHARACTERS) {
    return `is ${value.length} characters long; Amazon takes at most ${MAX_ASIN_LIST_CHARACTERS} (${Math.floor((MAX_ASIN_LIST_CHARACTERS + 1) / 11)} ASINs): split the ASINs over several report configs`;
  }
  if (!ASIN_LIST.test(value)) {
    return 'must be ASINs (10 upper-case letters or digits) separated by single spaces';
  }
  const asins = value.split(' ');
  const repeated = asins.find((asin, index) => asins.indexOf(asin) !== index);
  if (repeated !== undefined) return `names ${repeated} twice`;
  return undefined;
}
