import { dateKey, periodContaining, periodsBetween } from '../calendar';
import { listingsOnDay, productsFor } from '../listings';
import type { Marketplace } from '../marketplaces';
import { minorToNumber } from '../money';
import { HISTORY_START_DAY } from '../orders';
import { createRng, type Rng } from '../random';
import { fatal, missingOptionsDetails, type ReportDefinition } from '../report-definition';
import { analyticsDays } from './analytics-window';

const REPORT_PERIODS = ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'] as const;
const DISTRIBUTOR_VIEWS = ['MANUFACTURING', 'SOURCING'] as const;
const SELLING_PROGRAMS = ['RETAIL', 'BUSINESS', 'FRESH'] as const;
const REQUIRED_OPTIONS = ['reportPeriod', 'distributorView', 'sellingProgram'] as const;

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
  reportType: 'GET_VENDOR_SALES_REPORT',
  format: 'json',
  accountTypes: ['vendor'],
  requestable: true,
  build: ({ spec, marketplaces }) => {
    const options = spec.reportOptions;
    if (REQUIRED_OPTIONS.some((name) => options[name] === undefined)) {
      return fatal(missingOptionsDetails(REQUIRED_OPTIONS));
    }
    const period = REPORT_PERIODS.find((value) => value === options['reportPeriod']);
    const view = DISTRIBUTOR_VIEWS.find((value) => value === options['distributorView']);
    const program = SELLING_PROGRAMS.find((value) => value === options['sellingProgram']);
    if (!period || !view || !program) {
      return fatal(
        'Invalid reportOption value. Valid values: reportPeriod DAY, WEEK, MONTH, QUARTER, YEAR; ' +
          'distributorView MANUFACTURING, SOURCING; sellingProgram RETAIL, BUSINESS, FRESH.',
      );
    }
    const [marketplace, ...others] = marketplaces;
    if (!marketplace || others.length > 0) {
      return fatal('This report type supports exactly one marketplaceId per request.');
    }
    const days = analyticsDays(spec);
    if (
      !days ||
      periodContaining(period, days.firstDay).first !== days.firstDay ||
      periodContaining(period, days.lastDay).last !== days.lastDay
    ) {
      return fatal(
        `dataStartTime must be the first day and dataEndTime the last day of a ${period} reportPeriod.`,
      );
    }
    if (days.lastDay < HISTORY_START_DAY) return { kind: 'no-data' };

    const listed = new Set(
      listingsOnDay(spec.seed, spec.sellingPartnerId, marketplace, days.lastDay).map((l) => l.asin),
    );
    const products = productsFor(spec.seed, spec.sellingPartnerId).filter((p) =>
      listed.has(p.asin),
    );
    const aggregate: Record<string, unknown>[] = [];
    const byAsin: Record<string, unknown>[] = [];
    for (const { first, last } of periodsBetween(period, days.firstDay, days.lastDay)) {
      const dates = { startDate: dateKey(first), endDate: dateKey(last) };
      const total = emptySums();
      for (const product of products) {
        const sums = emptySums();
        const unitCost = Math.round(product.basePriceCents * marketplace.priceFactor * 0.62);
        for (let day = first; day <= last; day += 1) {
          addDay(
            sums,
            createRng(
              spec.seed,
              spec.sellingPartnerId,
              marketplace.id,
              'vendor-sales',
              day,
              product.asin,
            ),
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
        reportSpecification: {
          reportType: 'GET_VENDOR_SALES_REPORT',
          reportOptions: { distributorView: view, reportPeriod: period, sellingProgram: program },
          lastUpdatedDate: dateKey(days.lastDay + 1),
          dataStartTime: dateKey(days.firstDay),
          dataEndTime: dateKey(days.lastDay),
          marketplaceIds: [marketplace.id],
        },
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
function addDay(sums: Sums, rng: Rng, unitCostCents: number): void {
  const ordered = rng.chance(0.3) ? 0 : rng.int(1, 40);
  const shipped = Math.max(0, ordered + rng.int(-3, 3));
  const unitPrice = Math.round(unitCostCents / 0.62);
  sums.orderedUnits += ordered;
  sums.orderedRevenue += ordered * unitPrice;
  sums.shippedUnits += shipped;
  sums.shippedRevenue += shipped * unitPrice;
  sums.shippedCogs += shipped * unitCostCents;
  sums.customerReturns +=
    shipped > 0 && rng.chance(0.1) ? rng.int(1, Math.max(1, Math.floor(shipped / 5))) : 0;
}

function metrics(
  sums: Sums,
  marketplace: Marketplace,
  view: (typeof DISTRIBUTOR_VIEWS)[number],
  program: (typeof SELLING_PROGRAMS)[number],
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
