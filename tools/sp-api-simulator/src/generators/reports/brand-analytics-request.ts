import { dateKey, periodContaining, periodsBetween, type ReportPeriod } from '../calendar';
import type { Marketplace } from '../marketplaces';
import { HISTORY_START_DAY } from '../orders';
import {
  EAGER_ROW_LIMIT,
  fatal,
  missingOptionsDetails,
  type BuildResult,
  type JsonReport,
  type ResolvedRequest,
} from '../report-definition';
import { analyticsDays } from './analytics-window';

/** Longest value Amazon accepts for the `asin` / `asins` reportOptions. */
export const ASIN_OPTION_LIMIT = 200;

/** What a Brand Analytics report type accepts. */
export interface BrandAnalyticsRules {
  readonly periods: readonly ReportPeriod[];
  /** Options that must be present; `reportPeriod` always is. */
  readonly requiredOptions: readonly string[];
  /** The space-separated ASIN list option (`asin` or `asins`), if the report has one. */
  readonly asinOption?: string;
  /** Whether the window may hold several whole periods (otherwise exactly one). */
  readonly spansPeriods: boolean;
}

/** A Brand Analytics request that passed its checks and has data to show. */
export interface BrandAnalyticsWindow {
  readonly kind: 'window';
  readonly marketplace: Marketplace;
  readonly period: ReportPeriod;
  readonly firstDay: number;
  readonly lastDay: number;
  /** The periods of the window, in order (one for single-period reports). */
  readonly periods: readonly { readonly first: number; readonly last: number }[];
  /** The ASINs of the ASIN list option, in request order without repeats; undefined if absent. */
  readonly requestedAsins: readonly string[] | undefined;
  /** The reportOptions as the document echoes them: reportPeriod, then the ASIN list as given. */
  readonly reportOptions: Readonly<Record<string, string>>;
}

/**
 * Checks a Brand Analytics request in Amazon's order: options, reportPeriod value, ASIN list,
 * marketplace count, window on period boundaries. A FATAL result, no data for windows ending
 * before the world's history, or the resolved window.
 */
export function resolveBrandAnalytics(
  { spec, marketplaces }: ResolvedRequest,
  rules: BrandAnalyticsRules,
): BrandAnalyticsWindow | BuildResult {
  const options = spec.reportOptions;
  if (rules.requiredOptions.some((name) => options[name] === undefined)) {
    return fatal(missingOptionsDetails(rules.requiredOptions));
  }
  const period = rules.periods.find((candidate) => candidate === options['reportPeriod']);
  if (!period) {
    return fatal(
      `Invalid reportPeriod: ${options['reportPeriod'] ?? ''}. ` +
        `Valid values are: ${rules.periods.join(', ')}.`,
    );
  }
  const asinValue = rules.asinOption === undefined ? undefined : options[rules.asinOption];
  if (rules.asinOption !== undefined && asinValue !== undefined) {
    const problem = asinListProblem(rules.asinOption, asinValue);
    if (problem) return fatal(problem);
  }
  const [marketplace, ...others] = marketplaces;
  if (!marketplace || others.length > 0) {
    return fatal('This report type supports exactly one marketplaceId per request.');
  }
  const days = analyticsDays(spec);
  const aligned = days && alignedPeriods(period, days.firstDay, days.lastDay, rules.spansPeriods);
  if (!days || !aligned) return fatal(windowProblem(period, rules.spansPeriods));
  if (days.lastDay < HISTORY_START_DAY) return { kind: 'no-data' };
  return {
    kind: 'window',
    marketplace,
    period,
    firstDay: days.firstDay,
    lastDay: days.lastDay,
    periods: aligned,
    requestedAsins: asinValue === undefined ? undefined : asinsOf(asinValue),
    reportOptions: {
      reportPeriod: period,
      ...(rules.asinOption !== undefined && asinValue !== undefined
        ? { [rules.asinOption]: asinValue }
        : {}),
    },
  };
}

/** The JSON document of a Brand Analytics report: reportSpecification and `dataByAsin`. */
export function brandAnalyticsDocument(
  reportType: string,
  window: BrandAnalyticsWindow,
  count: number,
  rows: () => Iterable<Readonly<Record<string, unknown>>>,
): JsonReport {
  const eager = count <= EAGER_ROW_LIMIT ? [...rows()] : undefined;
  return {
    kind: 'json',
    head: {
      reportSpecification: {
        reportType,
        reportOptions: window.reportOptions,
        dataStartTime: dateKey(window.firstDay),
        dataEndTime: dateKey(window.lastDay),
        marketplaceIds: [window.marketplace.id],
      },
    },
    arrays: [{ key: 'dataByAsin', table: 'data_by_asin', count, items: () => eager ?? rows() }],
  };
}

/** How a window of the given period kind must start and end, for error messages. */
export function periodRule(period: ReportPeriod): string {
  switch (period) {
    case 'DAY':
      return 'the same day';
    case 'WEEK':
      return 'a Sunday to the following Saturday';
    case 'MONTH':
      return 'the first to the last day of a month';
    case 'QUARTER':
      return 'the first to the last day of a calendar quarter';
    case 'YEAR':
      return 'January 1 to December 31';
  }
}

function alignedPeriods(
  period: ReportPeriod,
  firstDay: number,
  lastDay: number,
  spansPeriods: boolean,
): { first: number; last: number }[] | undefined {
  const starts = periodContaining(period, firstDay).first === firstDay;
  const ends = periodContaining(period, lastDay).last === lastDay;
  if (!starts || !ends) return undefined;
  const periods = periodsBetween(period, firstDay, lastDay);
  return spansPeriods || periods.length === 1 ? periods : undefined;
}

function windowProblem(period: ReportPeriod, spansPeriods: boolean): string {
  return spansPeriods
    ? `dataStartTime must be the first day and dataEndTime the last day of a ${period} ` +
        `reportPeriod (${periodRule(period)}).`
    : `dataStartTime and dataEndTime must cover exactly one ${period} reportPeriod ` +
        `(${periodRule(period)}). Requests cannot span multiple periods.`;
}

function asinListProblem(option: string, value: string): string | undefined {
  if (value.length > ASIN_OPTION_LIMIT) {
    return (
      `The ${option} reportOption is limited to ${ASIN_OPTION_LIMIT} characters ` +
      `(${value.length} given).`
    );
  }
  if (asinsOf(value).length === 0) {
    return `The ${option} reportOption must list one or more ASINs separated by spaces.`;
  }
  return undefined;
}

function asinsOf(value: string): string[] {
  return [...new Set(value.split(' ').filter((asin) => asin !== ''))];
}
