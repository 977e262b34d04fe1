import { dateKey } from '../calendar';
import type { Marketplace } from '../marketplaces';
import { createRng, type Rng } from '../random';
import type { ReportDefinition } from '../report-definition';
import { brandAnalyticsDocument, resolveBrandAnalytics } from './brand-analytics-request';
import { brandAsins, currencyAmount, selectAsins, type BrandAsin } from './brand-asins';
import { rate } from './search-funnel';
import {
  searchQueryFor,
  searchQueryTotals,
  type SearchQuery,
  type SearchQueryTotals,
} from './search-queries';

const REPORT_TYPE = 'GET_BRAND_ANALYTICS_SEARCH_QUERY_PERFORMANCE_REPORT';

/** Search queries ranked per ASIN in a normal-size report. */
const QUERIES_PER_ASIN = 12;

/**
 * Per requested ASIN (space-separated `asin` option, required, up to 200 characters; ASINs the
 * partner does not own have no data), its top search queries by searchQueryScore with the query's
 * marketplace-wide funnel and the ASIN's part of it, for one marketplace and exactly one
 * reportPeriod: WEEK (Sunday-Saturday), MONTH or QUARTER (required). `rowsOverride` sets the number
 * of records (more queries per ASIN).
 */
export const brandAnalyticsSearchQueryPerformance: ReportDefinition = {
  reportType: REPORT_TYPE,
  format: 'json',
  accountTypes: ['seller', 'vendor'],
  requestable: true,
  build: (request) => {
    const window = resolveBrandAnalytics(request, {
      periods: ['WEEK', 'MONTH', 'QUARTER'],
      requiredOptions: ['reportPeriod', 'asin'],
      asinOption: 'asin',
      spansPeriods: false,
    });
    if (window.kind !== 'window') return window;
    const { spec } = request;
    const { marketplace, firstDay, lastDay } = window;
    const asins = selectAsins(
      brandAsins(spec.seed, spec.sellingPartnerId, marketplace),
      window.requestedAsins,
    );
    const count = spec.rowsOverride ?? QUERIES_PER_ASIN * asins.length;
    if (count <= 0 || asins.length === 0) return { kind: 'no-data' };
    const queriesPerAsin = Math.ceil(count / asins.length);
    const days = lastDay - firstDay + 1;
    const dates = { startDate: dateKey(firstDay), endDate: dateKey(lastDay) };
    return brandAnalyticsDocument(REPORT_TYPE, window, count, function* rows() {
      let produced = 0;
      for (const item of asins) {
        for (let score = 1; score <= queriesPerAsin; score += 1) {
          if (produced >= count) return;
          produced += 1;
          const query = searchQueryFor(marketplace, item.kindKey, score);
          const totals = searchQueryTotals(
            spec.seed,
            marketplace,
            window.period,
            firstDay,
            days,
            query,
          );
          const rng = createRng(
            spec.seed,
            spec.sellingPartnerId,
            marketplace.id,
            'search-query-asin',
            window.period,
            firstDay,
            item.asin,
            query.text,
          );
          yield {
            ...dates,
            asin: item.asin,
            ...queryPerformance(rng, item, query, score, totals, marketplace),
          };
        }
      }
    });
  },
};

// The ASIN's counts never exceed the query's, nor the ASIN's own earlier funnel stage; its share
// stays below 5.5 % at every stage, so the ~18 ASINs that fit in 200 characters stay within the
// query's totals together.
function queryPerformance(
  rng: Rng,
  item: BrandAsin,
  query: SearchQuery,
  searchQueryScore: number,
  totals: SearchQueryTotals,
  marketplace: Marketplace,
): Record<string, unknown> {
  const share = 0.002 + 0.053 * rng.next();
  const partOf = (total: number, limit: number): number =>
    Math.min(limit, Math.floor(total * share * (0.5 + 0.5 * rng.next())));
  const asinImpressionCount = Math.floor(totals.impressionCount * share);
  const asinClickCount = partOf(totals.clickCount, asinImpressionCount);
  const asinCartAddCount = partOf(totals.cartAddCount, asinClickCount);
  const asinPurchaseCount = partOf(totals.purchaseCount, asinCartAddCount);
  const asinPriceMinor = rng.chance(0.3) ? item.salePriceMinor : item.regularPriceMinor;
  const money = (minor: number) => currencyAmount(minor, marketplace);
  return {
    searchQueryData: {
      searchQuery: query.text,
      searchQueryScore,
      searchQueryVolume: totals.searchQueryVolume,
    },
    impressionData: {
      totalQueryImpressionCount: totals.impressionCount,
      asinImpressionCount,
      asinImpressionShare: rate(asinImpressionCount, totals.impressionCount),
    },
    clickData: {
      totalClickCount: totals.clickCount,
      totalClickRate: rate(totals.clickCount, totals.searchQueryVolume),
      asinClickCount,
      asinClickShare: rate(asinClickCount, totals.clickCount),
      totalMedianClickPrice: money(totals.medianClickPriceMinor),
      asinMedianClickPrice: money(asinPriceMinor),
      totalSameDayShippingClickCount: totals.clicks.sameDay,
      totalOneDayShippingClickCount: totals.clicks.oneDay,
      totalTwoDayShippingClickCount: totals.clicks.twoDay,
    },
    cartAddData: {
      totalCartAddCount: totals.cartAddCount,
      totalCartAddRate: rate(totals.cartAddCount, totals.searchQueryVolume),
      asinCartAddCount,
      asinCartAddShare: rate(asinCartAddCount, totals.cartAddCount),
      totalMedianCartAddPrice: money(totals.medianCartAddPriceMinor),
      asinMedianCartAddPrice: money(asinPriceMinor),
      totalSameDayShippingCartAddCount: totals.cartAdds.sameDay,
      totalOneDayShippingCartAddCount: totals.cartAdds.oneDay,
      totalTwoDayShippingCartAddCount: totals.cartAdds.twoDay,
    },
    purchaseData: {
      totalPurchaseCount: totals.purchaseCount,
      totalPurchaseRate: rate(totals.purchaseCount, totals.searchQueryVolume),
      asinPurchaseCount,
      asinPurchaseShare: rate(asinPurchaseCount, totals.purchaseCount),
      totalMedianPurchasePrice: money(totals.medianPurchasePriceMinor),
      asinMedianPurchasePrice: money(asinPriceMinor),
      totalSameDayShippingPurchaseCount: totals.purchases.sameDay,
      totalOneDayShippingPurchaseCount: totals.purchases.oneDay,
      totalTwoDayShippingPurchaseCount: totals.purchases.twoDay,
    },
  };
}
