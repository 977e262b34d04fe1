import { dateKey } from '../calendar';
import type { Marketplace } from '../marketplaces';
import { createRng, type Rng } from '../random';
import type { ReportDefinition } from '../report-definition';
import { brandAnalyticsDocument, resolveBrandAnalytics } from './brand-analytics-request';
import { brandAsins, currencyAmount, selectAsins, sizedAsins, type BrandAsin } from './brand-asins';
import { rate, shippingCounts, shippingShares } from './search-funnel';

const REPORT_TYPE = 'GET_BRAND_ANALYTICS_SEARCH_CATALOG_PERFORMANCE_REPORT';

/**
 * Search impressions, clicks, cart adds and purchases of the partner's ASINs (all of them, or the
 * owned ones among the space-separated `asins` option) in one marketplace and exactly one
 * reportPeriod: WEEK (Sunday-Saturday), MONTH or QUARTER (required). `rowsOverride` sets the
 * number of records.
 */
export const brandAnalyticsSearchCatalogPerformance: ReportDefinition = {
  reportType: REPORT_TYPE,
  format: 'json',
  accountTypes: ['seller', 'vendor'],
  requestable: true,
  build: (request) => {
    const window = resolveBrandAnalytics(request, {
      periods: ['WEEK', 'MONTH', 'QUARTER'],
      requiredOptions: ['reportPeriod'],
      asinOption: 'asins',
      spansPeriods: false,
    });
    if (window.kind !== 'window') return window;
    const { spec } = request;
    const { marketplace, firstDay, lastDay } = window;
    const selection = selectAsins(
      brandAsins(spec.seed, spec.sellingPartnerId, marketplace),
      window.requestedAsins,
    );
    const count = spec.rowsOverride ?? selection.length;
    if (count <= 0 || selection.length === 0) return { kind: 'no-data' };
    const asins = sizedAsins(spec.seed, spec.sellingPartnerId, marketplace, selection, count);
    const dates = { startDate: dateKey(firstDay), endDate: dateKey(lastDay) };
    return brandAnalyticsDocument(REPORT_TYPE, window, count, function* rows() {
      for (const item of asins) {
        const rng = createRng(
          spec.seed,
          spec.sellingPartnerId,
          marketplace.id,
          'search-catalog-performance',
          window.period,
          firstDay,
          item.asin,
        );
        yield {
          ...dates,
          asin: item.asin,
          ...catalogPerformance(rng, item, lastDay - firstDay + 1, marketplace),
        };
      }
    });
  },
};

// A funnel: impressions >= clicks >= cart adds >= purchases, in total and per delivery message.
// Customers favour sale days: when over half of them act on sale days, the median is the sale price.
function catalogPerformance(
  rng: Rng,
  item: BrandAsin,
  days: number,
  marketplace: Marketplace,
): Record<string, unknown> {
  const impressionCount = Math.round(
    days * (150 + 3000 * item.popularity) * (0.8 + 0.4 * rng.next()),
  );
  const clickCount = Math.floor(impressionCount * (0.005 + 0.055 * rng.next()));
  const cartAddCount = Math.floor(clickCount * (0.1 + 0.35 * rng.next()));
  const purchaseCount = Math.floor(cartAddCount * (0.3 + 0.5 * rng.next()));
  const shares = shippingShares(rng);
  const impressions = shippingCounts(rng, impressionCount, shares);
  const clicks = shippingCounts(rng, clickCount, shares, impressions);
  const cartAdds = shippingCounts(rng, cartAddCount, shares, clicks);
  const purchases = shippingCounts(rng, purchaseCount, shares, cartAdds);
  const saleShare = 0.6 * rng.next();
  const salePurchases = Math.round(purchaseCount * saleShare);
  const actedPriceMinor = saleShare > 0.5 ? item.salePriceMinor : item.regularPriceMinor;
  const searchTrafficSalesMinor =
    salePurchases * item.salePriceMinor + (purchaseCount - salePurchases) * item.regularPriceMinor;
  return {
    impressionData: {
      impressionCount,
      impressionMedianPrice: currencyAmount(item.regularPriceMinor, marketplace),
      sameDayShippingImpressionCount: impressions.sameDay,
      oneDayShippingImpressionCount: impressions.oneDay,
      twoDayShippingImpressionCount: impressions.twoDay,
    },
    clickData: {
      clickCount,
      clickRate: rate(clickCount, impressionCount),
      clickedMedianPrice: currencyAmount(actedPriceMinor, marketplace),
      sameDayShippingClickCount: clicks.sameDay,
      oneDayShippingClickCount: clicks.oneDay,
      twoDayShippingClickCount: clicks.twoDay,
    },
    cartAddData: {
      cartAddCount,
      cartAddedMedianPrice: currencyAmount(actedPriceMinor, marketplace),
      sameDayShippingCartAddCount: cartAdds.sameDay,
      oneDayShippingCartAddCount: cartAdds.oneDay,
      twoDayShippingCartAddCount: cartAdds.twoDay,
    },
    purchaseData: {
      purchaseCount,
      searchTrafficSales: currencyAmount(searchTrafficSalesMinor, marketplace),
      conversionRate: rate(purchaseCount, clickCount),
      purchaseMedianPrice: currencyAmount(actedPriceMinor, marketplace),
      sameDayShippingPurchaseCount: purchases.sameDay,
      oneDayShippingPurchaseCount: purchases.oneDay,
      twoDayShippingPurchaseCount: purchases.twoDay,
    },
  };
}
