import { dateKey } from '../calendar';
import { createRng, type Rng } from '../random';
import type { ReportDefinition } from '../report-definition';
import { round4 } from './analytics-window';
import { brandAnalyticsDocument, resolveBrandAnalytics } from './brand-analytics-request';
import { brandAsins, randomAsin, sizedAsins } from './brand-asins';

const REPORT_TYPE = 'GET_BRAND_ANALYTICS_MARKET_BASKET_REPORT';

/** Ranked ASINs bought together with each own ASIN. */
const PURCHASED_WITH_RANKS = 3;

/** Share of purchased-with ASINs that are the brand's own products (the rest are other brands'). */
const OWN_PURCHASED_WITH_SHARE = 0.35;

/**
 * The three ASINs most often bought in the same order as each of the partner's ASINs, per period,
 * for one marketplace. reportPeriod DAY, WEEK (Sunday-Saturday), MONTH or QUARTER is required; the
 * window may hold several whole periods. `rowsOverride` sets the number of records.
 */
export const brandAnalyticsMarketBasket: ReportDefinition = {
  reportType: REPORT_TYPE,
  format: 'json',
  accountTypes: ['seller', 'vendor'],
  requestable: true,
  build: (request) => {
    const window = resolveBrandAnalytics(request, {
      periods: ['DAY', 'WEEK', 'MONTH', 'QUARTER'],
      requiredOptions: ['reportPeriod'],
      spansPeriods: true,
    });
    if (window.kind !== 'window') return window;
    const { spec } = request;
    const catalog = brandAsins(spec.seed, spec.sellingPartnerId, window.marketplace);
    const perPeriod = PURCHASED_WITH_RANKS * window.periods.length;
    const count = spec.rowsOverride ?? perPeriod * catalog.length;
    if (count <= 0 || catalog.length === 0) return { kind: 'no-data' };
    const asins =
      spec.rowsOverride === undefined
        ? catalog
        : sizedAsins(
            spec.seed,
            spec.sellingPartnerId,
            window.marketplace,
            catalog,
            Math.ceil(count / perPeriod),
          );
    const ownAsins = catalog.map((item) => item.asin);
    return brandAnalyticsDocument(REPORT_TYPE, window, count, function* rows() {
      let produced = 0;
      for (const { first, last } of window.periods) {
        const dates = { startDate: dateKey(first), endDate: dateKey(last) };
        for (const { asin } of asins) {
          const rng = createRng(
            spec.seed,
            spec.sellingPartnerId,
            window.marketplace.id,
            'market-basket',
            window.period,
            first,
            asin,
          );
          const partners = purchasedWith(rng, asin, ownAsins);
          let combinationPct = 0.01 + 0.45 * rng.next();
          for (const [index, purchasedWithAsin] of partners.entries()) {
            if (produced >= count) return;
            produced += 1;
            yield {
              ...dates,
              asin,
              purchasedWithAsin,
              purchasedWithRank: index + 1,
              combinationPct: round4(combinationPct),
            };
            combinationPct *= 0.25 + 0.7 * rng.next();
          }
        }
      }
    });
  },
};

// Distinct ASINs other than `asin`: some of the brand's own, most of other brands.
function purchasedWith(rng: Rng, asin: string, ownAsins: readonly string[]): string[] {
  const chosen = new Set<string>();
  while (chosen.size < PURCHASED_WITH_RANKS) {
    const candidate =
      ownAsins.length > 1 && rng.chance(OWN_PURCHASED_WITH_SHARE)
        ? rng.pick(ownAsins)
        : randomAsin(rng);
    if (candidate !== asin) chosen.add(candidate);
  }
  return [...chosen];
}
