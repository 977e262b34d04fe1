import type { ReportDefinition } from '../report-definition';
import { createRng } from '../random';
import { round4 } from './analytics-window';
import { vendorDailyUnits, vendorUnitCostMinor } from './vendor-daily';
import { vendorPeriodReport } from './vendor-period-report';
import { REPORT_PERIOD_OPTION, resolveVendorPeriods } from './vendor-request';

const REPORT_TYPE = 'GET_VENDOR_NET_PURE_PRODUCT_MARGIN_REPORT';

/** Minor-unit sums behind the margin: (revenue - COGS - vendor-funded coop) / revenue. */
interface MarginSums {
  revenue: number;
  cogs: number;
  coop: number;
}

/**
 * Amazon's net pure product margin per period, aggregate and per ASIN, for one marketplace.
 * reportPeriod is required; the window must start and end on period boundaries and may span
 * several periods. Revenue and COGS come from the units the sales report shows shipped (at the
 * regular or a 10 % sale price); the aggregate is the revenue-weighted margin. The schema defines
 * the margin as a fraction between 0 and 1: 0 when a period has no revenue.
 */
export const vendorNetPureProductMarginReport: ReportDefinition = {
  reportType: REPORT_TYPE,
  format: 'json',
  accountTypes: ['vendor'],
  requestable: true,
  build: (request) => {
    const window = resolveVendorPeriods(request, [REPORT_PERIOD_OPTION]);
    if (window.kind !== 'window') return window;
    const { seed, sellingPartnerId } = request.spec;
    const { marketplace } = window;
    return vendorPeriodReport<MarginSums>(REPORT_TYPE, 'netPureProductMargin', request, window, {
      measure: (item, { first, last }) => {
        const sums = { revenue: 0, cogs: 0, coop: 0 };
        const unitCost = vendorUnitCostMinor(item.regularPriceMinor);
        for (let day = first; day <= last; day += 1) {
          const { shipped } = vendorDailyUnits(seed, sellingPartnerId, marketplace, item.asin, day);
          if (shipped === 0) continue;
          const rng = createRng(
            seed,
            sellingPartnerId,
            marketplace.id,
            'vendor-margin',
            day,
            item.asin,
          );
          const price = rng.chance(0.2) ? item.salePriceMinor : item.regularPriceMinor;
          const revenue = shipped * price;
          sums.revenue += revenue;
          sums.cogs += shipped * unitCost;
          sums.coop += Math.round(revenue * (0.02 + 0.1 * rng.next()));
        }
        return sums;
      },
      empty: () => ({ revenue: 0, cogs: 0, coop: 0 }),
      add: (into, from) => {
        into.revenue += from.revenue;
        into.cogs += from.cogs;
        into.coop += from.coop;
      },
      fields: ({ revenue, cogs, coop }) => ({
        netPureProductMargin:
          revenue === 0 ? 0 : Math.min(1, Math.max(0, round4((revenue - cogs - coop) / revenue))),
      }),
    });
  },
};
