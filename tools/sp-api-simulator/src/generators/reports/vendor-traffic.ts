import type { ReportDefinition } from '../report-definition';
import { vendorDailyUnits, vendorGlanceViews } from './vendor-daily';
import { vendorPeriodReport } from './vendor-period-report';
import { REPORT_PERIOD_OPTION, resolveVendorPeriods } from './vendor-request';

const REPORT_TYPE = 'GET_VENDOR_TRAFFIC_REPORT';

/**
 * Detail page views (glanceViews) per period, aggregate and per ASIN, for one marketplace.
 * reportPeriod is required; the window must start and end on period boundaries and may span
 * several periods. Views are sums of daily views, several per unit the sales report shows ordered.
 */
export const vendorTrafficReport: ReportDefinition = {
  reportType: REPORT_TYPE,
  format: 'json',
  accountTypes: ['vendor'],
  requestable: true,
  build: (request) => {
    const window = resolveVendorPeriods(request, [REPORT_PERIOD_OPTION]);
    if (window.kind !== 'window') return window;
    const { seed, sellingPartnerId } = request.spec;
    const { marketplace } = window;
    return vendorPeriodReport(REPORT_TYPE, 'traffic', request, window, {
      measure: (item, { first, last }) => {
        let glanceViews = 0;
        for (let day = first; day <= last; day += 1) {
          const { ordered } = vendorDailyUnits(seed, sellingPartnerId, marketplace, item.asin, day);
          glanceViews += vendorGlanceViews(
            seed,
            sellingPartnerId,
            marketplace,
            item.asin,
            day,
            ordered,
          );
        }
        return { glanceViews };
      },
      empty: () => ({ glanceViews: 0 }),
      add: (into, from) => {
        into.glanceViews += from.glanceViews;
      },
      fields: (sums) => ({ glanceViews: sums.glanceViews }),
    });
  },
};
