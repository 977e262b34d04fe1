import { dateKey } from '../calendar';
import type { Marketplace } from '../marketplaces';
import { createRng, type Rng } from '../random';
import type { ReportDefinition } from '../report-definition';
import { round4 } from './analytics-window';
import { brandAnalyticsDocument, resolveBrandAnalytics } from './brand-analytics-request';
import { brandAsins, currencyAmount, sizedAsins, type BrandAsin } from './brand-asins';

const REPORT_TYPE = 'GET_BRAND_ANALYTICS_REPEAT_PURCHASE_REPORT';

/**
 * Orders, unique and repeat customers and repeat-purchase revenue per period for each of the
 * partner's ASINs in one marketplace. reportPeriod WEEK (Sunday-Saturday), MONTH or QUARTER is
 * required; the window may hold several whole periods. `rowsOverride` sets the number of records.
 */
export const brandAnalyticsRepeatPurchase: ReportDefinition = {
  reportType: REPORT_TYPE,
  format: 'json',
  accountTypes: ['seller', 'vendor'],
  requestable: true,
  build: (request) => {
    const window = resolveBrandAnalytics(request, {
      periods: ['WEEK', 'MONTH', 'QUARTER'],
      requiredOptions: ['reportPeriod'],
      spansPeriods: true,
    });
    if (window.kind !== 'window') return window;
    const { spec } = request;
    const { marketplace, periods } = window;
    const catalog = brandAsins(spec.seed, spec.sellingPartnerId, marketplace);
    const count = spec.rowsOverride ?? periods.length * catalog.length;
    if (count <= 0 || catalog.length === 0) return { kind: 'no-data' };
    const asins =
      spec.rowsOverride === undefined
        ? catalog
        : sizedAsins(
            spec.seed,
            spec.sellingPartnerId,
            marketplace,
            catalog,
            Math.ceil(count / periods.length),
          );
    return brandAnalyticsDocument(REPORT_TYPE, window, count, function* rows() {
      let produced = 0;
      for (const { first, last } of periods) {
        const dates = { startDate: dateKey(first), endDate: dateKey(last) };
        for (const item of asins) {
          if (produced >= count) return;
          produced += 1;
          const rng = createRng(
            spec.seed,
            spec.sellingPartnerId,
            marketplace.id,
            'repeat-purchase',
            window.period,
            first,
            item.asin,
          );
          yield {
            ...dates,
            asin: item.asin,
            ...repeatPurchases(rng, item, last - first + 1, marketplace),
          };
        }
      }
    });
  },
};

// Repeat customers are those with two or more orders of the ASIN in the period: the orders beyond
// each customer's first (`orders - uniqueCustomers`) all belong to them.
function repeatPurchases(
  rng: Rng,
  item: BrandAsin,
  days: number,
  marketplace: Marketplace,
): Record<string, unknown> {
  const orders = Math.max(
    1,
    Math.round(days * (1 + 24 * item.popularity) * (0.8 + 0.4 * rng.next())),
  );
  const laterOrders = Math.floor(orders * 0.15 * rng.next());
  const uniqueCustomers = orders - laterOrders;
  const repeatCustomers = laterOrders === 0 ? 0 : rng.int(Math.ceil(laterOrders / 3), laterOrders);
  const repeatOrders = repeatCustomers + laterOrders;
  const repeatUnits = repeatOrders + Math.floor(repeatOrders * 0.2 * rng.next());
  const otherOrders = orders - repeatOrders;
  const totalUnits = repeatUnits + otherOrders + Math.floor(otherOrders * 0.2 * rng.next());
  return {
    orders,
    uniqueCustomers,
    repeatCustomersPctTotal: round4(repeatCustomers / uniqueCustomers),
    repeatPurchaseRevenue: currencyAmount(repeatUnits * item.regularPriceMinor, marketplace),
    repeatPurchaseRevenuePctTotal: round4(repeatUnits / totalUnits),
  };
}
