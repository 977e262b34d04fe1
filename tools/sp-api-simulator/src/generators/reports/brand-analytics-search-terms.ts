import { dateKey, periodContaining, type ReportPeriod } from '../calendar';
import { productsFor } from '../listings';
import type { Marketplace } from '../marketplaces';
import { HISTORY_START_DAY } from '../orders';
import { createRng } from '../random';
import {
  EAGER_ROW_LIMIT,
  fatal,
  missingOptionsDetails,
  type ReportDefinition,
} from '../report-definition';
import { DEPARTMENTS, SEARCH_TERMS } from '../vocabulary';
import { analyticsDays, round4 } from './analytics-window';
import { periodRule } from './brand-analytics-request';
import { randomAsin } from './brand-asins';

const REPORT_PERIODS = ['DAY', 'WEEK', 'MONTH', 'QUARTER'] as const;

/** Ranked search terms per department in a normal-size report. */
const TERMS_PER_DEPARTMENT = 40;

/**
 * Top-3 clicked ASINs per search term and department for one marketplace and exactly one
 * reportPeriod (required): DAY, WEEK (Sunday-Saturday), MONTH or QUARTER. Sellers and vendors.
 * `rowsOverride` sets the number of `dataByDepartmentAndSearchTerm` records (streamed).
 */
export const brandAnalyticsSearchTerms: ReportDefinition = {
  reportType: 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
  format: 'json',
  accountTypes: ['seller', 'vendor'],
  requestable: true,
  build: ({ spec, marketplaces }) => {
    const reportPeriod = spec.reportOptions['reportPeriod'];
    if (reportPeriod === undefined) return fatal(missingOptionsDetails(['reportPeriod']));
    const period = REPORT_PERIODS.find((candidate) => candidate === reportPeriod);
    if (!period) {
      return fatal(
        `Invalid reportPeriod: ${reportPeriod}. Valid values are: DAY, WEEK, MONTH, QUARTER.`,
      );
    }
    const [marketplace, ...others] = marketplaces;
    if (!marketplace || others.length > 0) {
      return fatal('This report type supports exactly one marketplaceId per request.');
    }
    const days = analyticsDays(spec);
    const expected = days && periodContaining(period, days.firstDay);
    if (!days || !expected || expected.first !== days.firstDay || expected.last !== days.lastDay) {
      return fatal(
        `dataStartTime and dataEndTime must cover exactly one ${period} reportPeriod ` +
          `(${periodRule(period)}). Requests cannot span multiple periods.`,
      );
    }
    if (days.lastDay < HISTORY_START_DAY) return { kind: 'no-data' };
    const count =
      spec.rowsOverride ?? TERMS_PER_DEPARTMENT * 3 * DEPARTMENTS[marketplace.language].length;
    if (count <= 0) return { kind: 'no-data' };
    const ownAsins = productsFor(spec.seed, spec.sellingPartnerId).map((product) => product.asin);
    const context: TermContext = {
      seed: spec.seed,
      partnerId: spec.sellingPartnerId,
      marketplace,
      period,
      firstDay: days.firstDay,
      ownAsins,
    };
    const eager = count <= EAGER_ROW_LIMIT ? [...records(context, count)] : undefined;
    return {
      kind: 'json',
      head: {
        reportSpecification: {
          reportType: 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT',
          reportOptions: { reportPeriod: period },
          dataStartTime: dateKey(days.firstDay),
          dataEndTime: dateKey(days.lastDay),
          marketplaceIds: [marketplace.id],
        },
      },
      arrays: [
        {
          key: 'dataByDepartmentAndSearchTerm',
          table: 'data_by_department_and_search_term',
          count,
          items: () => eager ?? records(context, count),
        },
      ],
    };
  },
};

interface TermContext {
  readonly seed: number;
  readonly partnerId: string;
  readonly marketplace: Marketplace;
  readonly period: ReportPeriod;
  readonly firstDay: number;
  readonly ownAsins: readonly string[];
}

// Department after department, terms by rank, three clicked ASINs per term.
function* records(
  context: TermContext,
  count: number,
): Generator<Record<string, unknown>, void, undefined> {
  const { marketplace } = context;
  const departments = DEPARTMENTS[marketplace.language].map((name) =>
    name === '{site}' ? marketplace.salesChannel : name,
  );
  const termsPerDepartment = Math.ceil(count / 3 / departments.length);
  let produced = 0;
  for (const [departmentIndex, departmentName] of departments.entries()) {
    for (let rank = 1; rank <= termsPerDepartment; rank += 1) {
      const rng = createRng(
        context.seed,
        context.partnerId,
        marketplace.id,
        'search-terms',
        context.period,
        context.firstDay,
        departmentIndex,
        rank,
      );
      const searchTerm = termText(marketplace, departmentIndex, rank);
      let share = 0.05 + 0.3 * rng.next();
      for (let clickShareRank = 1; clickShareRank <= 3; clickShareRank += 1) {
        if (produced >= count) return;
        produced += 1;
        yield {
          departmentName,
          searchTerm,
          searchFrequencyRank: rank,
          clickedAsin: rng.chance(0.25) ? rng.pick(context.ownAsins) : randomAsin(rng),
          clickShareRank,
          clickShare: round4(share),
          conversionShare: round4(0.35 * rng.next()),
        };
        share *= 0.3 + 0.6 * rng.next();
      }
    }
  }
}

function termText(marketplace: Marketplace, departmentIndex: number, rank: number): string {
  const { stems, modifiers } = SEARCH_TERMS[marketplace.language];
  const combinations = stems.length * modifiers.length;
  const index = (rank - 1 + departmentIndex * 7) % combinations;
  const round = Math.floor((rank - 1) / combinations);
  const stem = stems[index % stems.length] ?? '';
  const modifier = modifiers[Math.floor(index / stems.length)] ?? '';
  return round === 0 ? `${stem}${modifier}` : `${stem}${modifier} ${round + 1}`;
}
