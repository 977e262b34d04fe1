import { dateKey } from '../calendar';
import { listedProducts } from '../listings';
import type { Marketplace } from '../marketplaces';
import { minorToNumber } from '../money';
import type { ReportDefinition } from '../report-definition';
import { vendorDailyUnits, type VendorDailyUnits } from './vendor-daily';
import {
  DISTRIBUTOR_VIEW_OPTION,
  REPORT_PERIOD_OPTION,
  resolveVendorPeriods,
  vendorPeriodSpecification,
} from './vendor-request';

const REPORT_TYPE = 'GET_VENDOR_SALES_REPORT';
const OPTIONS = [
  REPORT_PERIOD_OPTION,
  DISTRIBUTOR_VIEW_OPTION,
  { name: 'sellingProgram', values: ['RETAIL', 'BUSINESS', 'FRESH'] },
] as const;

interface Sums {
  orderedUnits: number;
  orderedRevenue: number;
  shippedUnits: number;
  shippedRevenue: number;
  shippedCogs: number;
  customerReturns: number;
}

/**
 * Vendor sales per period (aggregate and per ASIN) for one marketplace. reportPeriod,
 * distributorView and sellingProgram are all required (FATAL with Amazon's message otherwise);
 * the window must start and end on period boundaries and may span several periods. SOURCING omits
 * the ordered* fields, FRESH omits customerReturns. Values are sums of daily values, so any
 * granularity agrees with DAY.
 */
export const vendorSalesReport: ReportDefinition = {
  reportType: REPORT_TYPE,
  format: 'json',
  accountTypes: ['vendor'],
  requestable: true,
  build: (request) => {
    const window = resolveVendorPeriods(request, OPTIONS);
    if (window.kind !== 'window') return window;
    const { spec } = request;
    const { marketplace } = window;
    const view = window.options['distributorView'];
    const program = window.options['sellingProgram'];
    const products = listedProducts(spec.seed, spec.sellingPartnerId, marketplace);
    const aggregate: Record<string, unknown>[] = [];
    const byAsin: Record<string, unknown>[] = [];
    for (const { first, last } of window.periods) {
      const dates = { startDate: dateKey(first), endDate: dateKey(last) };
      const total = emptySums();
      for (const product of products) {
        const sums = emptySums();
        const unitCost = Math.round(product.basePriceCents * marketplace.priceFactor * 0.62);
        for (let day = first; day <= last; day += 1) {
          addDay(
            sums,
            vendorDailyUnits(spec.seed, spec.sellingPartnerId, marketplace, product.asin, day),
            unitCost,
          );
        }
        addInto(total, sums);
        byAsin.push({ ...dates, asin: product.asin, ...metrics(sums, marketplace, view, program) });
      }
      aggregate.push({ ...dates, ...metrics(total, marketplace, view, program) });
    }
    return {
      kind: 'json',
      head: {
        reportSpecification: vendorPeriodSpecification(REPORT_TYPE, window),
      },
      arrays: [
        {
          key: 'salesAggregate',
          table: 'sales_aggregate',
          count: aggregate.length,
          items: () => aggregate,
        },
        { key: 'salesByAsin', table: 'sales_by_asin', count: byAsin.length, items: () => byAsin },
      ],
    };
  },
};

// Revenue is unit cost / 0.62 (the vendor's list price); COGS is the unit cost.
function addDay(sums: Sums, units: VendorDailyUnits, unitCostCents: number): void {
  const unitPrice = Math.round(unitCostCents / 0.62);
  sums.orderedUnits += units.ordered;
  sums.orderedRevenue += units.ordered * unitPrice;
  sums.shippedUnits += units.shipped;
  sums.shippedRevenue += units.shipped * unitPrice;
  sums.shippedCogs += units.shipped * unitCostCents;
  sums.customerReturns += units.customerReturns;
}

function metrics(
  sums: Sums,
  marketplace: Marketplace,
  view: string | undefined,
  program: string | undefined,
): Record<string, unknown> {
  // Cents of the local currency; JPY has no minor unit.
  const amount = (cents: number): { amount: number; currencyCode: string } => ({
    amount:
      marketplace.minorDigits === 0
        ? Math.round(cents / 100)
        : minorToNumber(Math.round(cents), marketplace.minorDigits),
    currencyCode: marketplace.currency,
  });
  return {
    ...(program === 'FRESH' ? {} : { customerReturns: sums.customerReturns }),
    ...(view === 'MANUFACTURING'
      ? { orderedRevenue: amount(sums.orderedRevenue), orderedUnits: sums.orderedUnits }
      : {}),
    shippedCogs: amount(sums.shippedCogs),
    shippedRevenue: amount(sums.shippedRevenue),
    shippedUnits: sums.shippedUnits,
  };
}

function emptySums(): Sums {
  return {
    orderedUnits: 0,
    orderedRevenue: 0,
    shippedUnits: 0,
    shippedRevenue: 0,
    shippedCogs: 0,
    customerReturns: 0,
  };
}

function addInto(target: Sums, source: Sums): void {
  target.orderedUnits += source.orderedUnits;
  target.orderedRevenue += source.orderedRevenue;
  target.shippedUnits += source.shippedUnits;
  target.shippedRevenue += source.shippedRevenue;
  target.shippedCogs += source.shippedCogs;
  target.customerReturns += source.customerReturns;
}
