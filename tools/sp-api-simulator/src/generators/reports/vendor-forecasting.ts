import { dateKey, dayFromDateKey, dayOf, weekday } from '../calendar';
import type { Marketplace } from '../marketplaces';
import { HISTORY_START_DAY } from '../orders';
import { createRng } from '../random';
import { EAGER_ROW_LIMIT, type ReportDefinition } from '../report-definition';
import { brandAsins, sizedAsins, type BrandAsin } from './brand-asins';
import { vendorDailyUnits } from './vendor-daily';
import { SELLING_PROGRAM_OPTION, resolveVendorRequest } from './vendor-request';

const REPORT_TYPE = 'GET_VENDOR_FORECASTING_REPORT';
/** The generation week and the 26 weeks after it, as in the schema's example. */
export const FORECAST_WEEKS = 27;
const HISTORY_DAYS = 28;
// Standard normal quantiles of the 70th, 80th and 90th percentiles.
const Z70 = 0.5244;
const Z80 = 0.8416;
const Z90 = 1.2816;

/**
 * Amazon's weekly demand forecast of each of the vendor's ASINs in one marketplace. sellingProgram
 * (RETAIL, FRESH) is required; the window is ignored: Amazon generates the forecast every Sunday,
 * and a request gets the one of the Sunday on or before its request time (`requestTime`, else
 * dataEndTime), so requests of the same week get the same document. Rows: the generation week and
 * the 26 weeks after it (Sunday to Saturday) per ASIN, around the ASIN's ordered units of the four
 * weeks before; mean <= p70 <= p80 <= p90, one decimal. No data before the world's history;
 * `rowsOverride` sets the number of rows (ASINs of the extended catalog beyond the listed ones).
 */
export const vendorForecastingReport: ReportDefinition = {
  reportType: REPORT_TYPE,
  format: 'json',
  accountTypes: ['vendor'],
  requestable: true,
  build: (request) => {
    const resolved = resolveVendorRequest(request, [SELLING_PROGRAM_OPTION]);
    if (resolved.kind !== 'vendor') return resolved;
    const { spec } = request;
    const { marketplace } = resolved;
    const requestDay = dayFromDateKey(spec.requestTime ?? '') ?? dayOf(request.endMs);
    const generationDay = requestDay - weekday(requestDay);
    if (generationDay < HISTORY_START_DAY) return { kind: 'no-data' };
    const catalog = brandAsins(spec.seed, spec.sellingPartnerId, marketplace);
    const count = spec.rowsOverride ?? catalog.length * FORECAST_WEEKS;
    if (count <= 0 || catalog.length === 0) return { kind: 'no-data' };
    const asins =
      spec.rowsOverride === undefined
        ? catalog
        : sizedAsins(
            spec.seed,
            spec.sellingPartnerId,
            marketplace,
            catalog,
            Math.ceil(count / FORECAST_WEEKS),
          );
    function* rows(): Generator<Record<string, unknown>> {
      let remaining = count;
      for (const item of asins) {
        for (const row of forecastOf(
          spec.seed,
          spec.sellingPartnerId,
          marketplace,
          item,
          generationDay,
        )) {
          if (remaining <= 0) return;
          remaining -= 1;
          yield row;
        }
      }
    }
    const eager = count <= EAGER_ROW_LIMIT ? [...rows()] : undefined;
    return {
      kind: 'json',
      head: {
        reportSpecification: {
          reportType: REPORT_TYPE,
          reportOptions: resolved.options,
          lastUpdatedDate: dateKey(generationDay),
          marketplaceIds: [marketplace.id],
        },
      },
      arrays: [
        { key: 'forecastByAsin', table: 'forecast_by_asin', count, items: () => eager ?? rows() },
      ],
    };
  },
};

// Weekly demand around the ASIN's recent orders, with a mild season and a spread that widens with
// the horizon.
function forecastOf(
  seed: number,
  partnerId: string,
  marketplace: Marketplace,
  item: BrandAsin,
  generationDay: number,
): Record<string, unknown>[] {
  let recentUnits = 0;
  for (let day = generationDay - HISTORY_DAYS; day < generationDay; day += 1) {
    recentUnits += vendorDailyUnits(seed, partnerId, marketplace, item.asin, day).ordered;
  }
  const weekly = (recentUnits * 7) / HISTORY_DAYS;
  const rng = createRng(
    seed,
    partnerId,
    marketplace.id,
    'vendor-forecast',
    generationDay,
    item.asin,
  );
  const phase = rng.next() * 2 * Math.PI;
  const rows: Record<string, unknown>[] = [];
  for (let week = 0; week < FORECAST_WEEKS; week += 1) {
    const startDay = generationDay + 7 * week;
    const mean =
      weekly * (1 + 0.15 * Math.sin(phase + (2 * Math.PI * week) / 52)) * (0.9 + 0.2 * rng.next());
    const spread = Math.sqrt(mean + 1) * (1 + 0.05 * week);
    rows.push({
      forecastGenerationDate: dateKey(generationDay),
      asin: item.asin,
      startDate: dateKey(startDay),
      endDate: dateKey(startDay + 6),
      meanForecastUnits: round1(mean),
      p70ForecastUnits: round1(mean + Z70 * spread),
      p80ForecastUnits: round1(mean + Z80 * spread),
      p90ForecastUnits: round1(mean + Z90 * spread),
    });
  }
  return rows;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
