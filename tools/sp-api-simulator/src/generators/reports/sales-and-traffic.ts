import { dateKey, dayOf, periodsBetween } from '../calendar';
import { listingsOnDay, type Listing } from '../listings';
import type { Marketplace } from '../marketplaces';
import { minorToNumber } from '../money';
import {
  HISTORY_START_DAY,
  MAX_OUTCOME_LAG_DAYS,
  MAX_REFUND_LAG_DAYS,
  ordersOnDay,
  type Order,
} from '../orders';
import { createRng, type Rng } from '../random';
import { fatal, type ReportDefinition, type ResolvedRequest } from '../report-definition';
import { analyticsDays, round2 } from './analytics-window';

const DATE_GRANULARITIES = ['DAY', 'WEEK', 'MONTH'] as const;
const ASIN_GRANULARITIES = ['PARENT', 'CHILD', 'SKU'] as const;
type AsinGranularity = (typeof ASIN_GRANULARITIES)[number];

const COUNTERS = [
  'units',
  'unitsB2B',
  'sales',
  'salesB2B',
  'items',
  'itemsB2B',
  'browserSessions',
  'browserSessionsB2B',
  'mobileSessions',
  'mobileSessionsB2B',
  'browserPageViews',
  'browserPageViewsB2B',
  'mobilePageViews',
  'mobilePageViewsB2B',
  'buyBoxViews',
  'buyBoxViewsB2B',
] as const;
type Counters = Record<(typeof COUNTERS)[number], number>;

const DAY_EXTRAS = [
  'shippedSales',
  'unitsShipped',
  'ordersShipped',
  'unitsRefunded',
  'claimsGranted',
  'claimsAmount',
  'offerCount',
  'parentItems',
  'feedbackReceived',
  'negativeFeedbackReceived',
  'days',
] as const;
type DayTotals = Counters & Record<(typeof DAY_EXTRAS)[number], number>;

/**
 * Seller Business Report for one marketplace. Ordered sales per day equal the sum of `item-price`
 * of that day's GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL rows (cancelled lines count
 * nothing); `salesAndTrafficByAsin` aggregates the whole window for every listed ASIN/SKU.
 * Options: dateGranularity DAY (default) | WEEK (Sunday-Saturday) | MONTH, asinGranularity PARENT
 * (default) | CHILD | SKU. The window is the inclusive range of the date parts.
 */
export const salesAndTrafficReport: ReportDefinition = {
  reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
  format: 'json',
  accountTypes: ['seller'],
  requestable: true,
  build: (request) => {
    const { spec } = request;
    const dateGranularity = spec.reportOptions['dateGranularity'] ?? 'DAY';
    const asinGranularity = spec.reportOptions['asinGranularity'] ?? 'PARENT';
    if (!isOneOf(DATE_GRANULARITIES, dateGranularity)) {
      return fatal(
        `Invalid dateGranularity: ${dateGranularity}. Valid values are: DAY, WEEK, MONTH.`,
      );
    }
    if (!isOneOf(ASIN_GRANULARITIES, asinGranularity)) {
      return fatal(
        `Invalid asinGranularity: ${asinGranularity}. Valid values are: PARENT, CHILD, SKU.`,
      );
    }
    const [marketplace, ...others] = request.marketplaces;
    if (!marketplace || others.length > 0) {
      return fatal('This report type supports exactly one marketplaceId per request.');
    }
    const days = analyticsDays(spec);
    if (!days) return fatal('dataEndTime must not be before dataStartTime.');
    if (days.lastDay < HISTORY_START_DAY) return { kind: 'no-data' };
    const data = collect(request, marketplace, days.firstDay, days.lastDay);
    const byDate = periodsBetween(dateGranularity, days.firstDay, days.lastDay).map((period) => {
      const totals = emptyDayTotals();
      for (let day = period.first; day <= period.last; day += 1) {
        const dayTotals = data.days.get(day);
        if (dayTotals) addInto(totals, dayTotals, [...COUNTERS, ...DAY_EXTRAS]);
      }
      return dateEntry(dateKey(period.first), totals, marketplace);
    });
    const byAsin = asinEntries(data.listings, data.bySku, asinGranularity, marketplace);
    return {
      kind: 'json',
      head: {
        reportSpecification: {
          reportType: 'GET_SALES_AND_TRAFFIC_REPORT',
          reportOptions: { dateGranularity, asinGranularity },
          dataStartTime: dateKey(days.firstDay),
          dataEndTime: dateKey(days.lastDay),
          marketplaceIds: [marketplace.id],
        },
      },
      arrays: [
        {
          key: 'salesAndTrafficByDate',
          table: 'sales_and_traffic_by_date',
          count: byDate.length,
          items: () => byDate,
        },
        {
          key: 'salesAndTrafficByAsin',
          table: 'sales_and_traffic_by_asin',
          count: byAsin.length,
          items: () => byAsin,
        },
      ],
    };
  },
};

interface Collected {
  readonly listings: readonly Listing[];
  readonly days: Map<number, DayTotals>;
  readonly bySku: Map<string, Counters>;
}

function collect(
  { spec }: ResolvedRequest,
  marketplace: Marketplace,
  firstDay: number,
  lastDay: number,
): Collected {
  const { seed, sellingPartnerId } = spec;
  const orderCache = new Map<number, readonly Order[]>();
  const orders = (day: number): readonly Order[] => {
    let list = orderCache.get(day);
    if (!list) {
      list = ordersOnDay(seed, sellingPartnerId, marketplace, day);
      orderCache.set(day, list);
    }
    return list;
  };
  const days = new Map<number, DayTotals>();
  const bySku = new Map<string, Counters>();
  for (let day = firstDay; day <= lastDay; day += 1) {
    const listings = listingsOnDay(seed, sellingPartnerId, marketplace, day);
    const skuDay = new Map<string, Counters>(
      listings.map((listing) => [listing.sku, emptyCounters()]),
    );
    for (const order of orders(day)) {
      if (order.outcome.status === 'Cancelled') continue;
      for (const line of order.lines) {
        const counters = skuDay.get(line.listing.sku);
        if (!counters) continue;
        counters.units += line.quantity;
        counters.sales += line.itemPriceMinor;
        counters.items += 1;
        if (order.isBusinessOrder) {
          counters.unitsB2B += line.quantity;
          counters.salesB2B += line.itemPriceMinor;
          counters.itemsB2B += 1;
        }
      }
    }
    const totals = emptyDayTotals();
    for (const listing of listings) {
      const counters = skuDay.get(listing.sku);
      if (!counters) continue;
      addTraffic(
        counters,
        createRng(seed, sellingPartnerId, marketplace.id, 'traffic', day, listing.sku),
        listing,
      );
      addInto(totals, counters, COUNTERS);
      const sum = bySku.get(listing.sku) ?? emptyCounters();
      addInto(sum, counters, COUNTERS);
      bySku.set(listing.sku, sum);
    }
    addDayExtras(
      totals,
      day,
      listings,
      orders,
      createRng(seed, sellingPartnerId, marketplace.id, 'business-day', day),
    );
    days.set(day, totals);
  }
  return { listings: listingsOnDay(seed, sellingPartnerId, marketplace, lastDay), days, bySku };
}

// Sessions never fall below order items, so session percentages stay within 0-100.
function addTraffic(counters: Counters, rng: Rng, listing: Listing): void {
  const visible = listing.status === 'Active';
  const sessionsB2B = counters.itemsB2B + rng.int(0, 2);
  const sessions = Math.max(counters.items, sessionsB2B) + rng.int(0, visible ? 24 : 3);
  const browserShare = 0.3 + 0.3 * rng.next();
  counters.browserSessions = Math.round(sessions * browserShare);
  counters.mobileSessions = sessions - counters.browserSessions;
  counters.browserSessionsB2B = Math.round(sessionsB2B * browserShare);
  counters.mobileSessionsB2B = sessionsB2B - counters.browserSessionsB2B;
  counters.browserPageViews = counters.browserSessions + rng.int(0, counters.browserSessions);
  counters.mobilePageViews = counters.mobileSessions + rng.int(0, counters.mobileSessions);
  counters.browserPageViewsB2B =
    counters.browserSessionsB2B + rng.int(0, counters.browserSessionsB2B);
  counters.mobilePageViewsB2B = counters.mobileSessionsB2B + rng.int(0, counters.mobileSessionsB2B);
  const buyBox = visible ? 0.7 + 0.3 * rng.next() : 0;
  counters.buyBoxViews = (counters.browserPageViews + counters.mobilePageViews) * buyBox;
  counters.buyBoxViewsB2B = (counters.browserPageViewsB2B + counters.mobilePageViewsB2B) * buyBox;
}

function addDayExtras(
  totals: DayTotals,
  day: number,
  listings: readonly Listing[],
  orders: (day: number) => readonly Order[],
  rng: Rng,
): void {
  const inDay = (ms: number): boolean => dayOf(ms) === day;
  for (let purchaseDay = day - MAX_REFUND_LAG_DAYS; purchaseDay <= day; purchaseDay += 1) {
    for (const order of orders(purchaseDay)) {
      if (
        purchaseDay >= day - MAX_OUTCOME_LAG_DAYS &&
        order.outcome.status === 'Shipped' &&
        inDay(order.outcome.atMs)
      ) {
        totals.ordersShipped += 1;
        for (const line of order.lines) {
          totals.unitsShipped += line.quantity;
          totals.shippedSales += line.itemPriceMinor;
        }
      }
      if (order.refund && inDay(order.refund.atMs))
        totals.unitsRefunded += order.lines[0]?.quantity ?? 0;
    }
  }
  if (rng.chance(0.1)) {
    totals.claimsGranted = 1;
    totals.claimsAmount = Math.round(totals.sales * 0.05 * rng.next());
  }
  totals.offerCount = rng.int(1, 4);
  totals.parentItems = new Set(listings.map((listing) => listing.parentAsin)).size;
  totals.feedbackReceived = rng.int(0, 5);
  totals.negativeFeedbackReceived = totals.feedbackReceived > 0 && rng.chance(0.15) ? 1 : 0;
  totals.days = 1;
}

function dateEntry(date: string, t: DayTotals, marketplace: Marketplace): Record<string, unknown> {
  const amount = (minor: number): { amount: number; currencyCode: string } => ({
    amount: minorToNumber(Math.round(minor), marketplace.minorDigits),
    currencyCode: marketplace.currency,
  });
  const sessions = t.browserSessions + t.mobileSessions;
  const sessionsB2B = t.browserSessionsB2B + t.mobileSessionsB2B;
  const pageViews = t.browserPageViews + t.mobilePageViews;
  const pageViewsB2B = t.browserPageViewsB2B + t.mobilePageViewsB2B;
  return {
    date,
    salesByDate: {
      orderedProductSales: amount(t.sales),
      orderedProductSalesB2B: amount(t.salesB2B),
      unitsOrdered: t.units,
      unitsOrderedB2B: t.unitsB2B,
      totalOrderItems: t.items,
      totalOrderItemsB2B: t.itemsB2B,
      averageSalesPerOrderItem: amount(ratio(t.sales, t.items)),
      averageSalesPerOrderItemB2B: amount(ratio(t.salesB2B, t.itemsB2B)),
      averageUnitsPerOrderItem: round2(ratio(t.units, t.items)),
      averageUnitsPerOrderItemB2B: round2(ratio(t.unitsB2B, t.itemsB2B)),
      averageSellingPrice: amount(ratio(t.sales, t.units)),
      averageSellingPriceB2B: amount(ratio(t.salesB2B, t.unitsB2B)),
      unitsRefunded: t.unitsRefunded,
      refundRate: percent(t.unitsRefunded, t.units),
      claimsGranted: t.claimsGranted,
      claimsAmount: amount(t.claimsAmount),
      shippedProductSales: amount(t.shippedSales),
      unitsShipped: t.unitsShipped,
      ordersShipped: t.ordersShipped,
    },
    trafficByDate: {
      browserPageViews: t.browserPageViews,
      browserPageViewsB2B: t.browserPageViewsB2B,
      mobileAppPageViews: t.mobilePageViews,
      mobileAppPageViewsB2B: t.mobilePageViewsB2B,
      pageViews,
      pageViewsB2B,
      browserSessions: t.browserSessions,
      browserSessionsB2B: t.browserSessionsB2B,
      mobileAppSessions: t.mobileSessions,
      mobileAppSessionsB2B: t.mobileSessionsB2B,
      sessions,
      sessionsB2B,
      buyBoxPercentage: percent(t.buyBoxViews, pageViews),
      buyBoxPercentageB2B: percent(t.buyBoxViewsB2B, pageViewsB2B),
      orderItemSessionPercentage: percent(t.items, sessions),
      orderItemSessionPercentageB2B: percent(t.itemsB2B, sessionsB2B),
      unitSessionPercentage: round2(ratio(t.units * 100, sessions)),
      unitSessionPercentageB2B: round2(ratio(t.unitsB2B * 100, sessionsB2B)),
      averageOfferCount: Math.round(ratio(t.offerCount, t.days)),
      averageParentItems: Math.round(ratio(t.parentItems, t.days)),
      feedbackReceived: t.feedbackReceived,
      negativeFeedbackReceived: t.negativeFeedbackReceived,
      receivedNegativeFeedbackRate: percent(t.negativeFeedbackReceived, t.feedbackReceived),
    },
  };
}

function asinEntries(
  listings: readonly Listing[],
  bySku: ReadonlyMap<string, Counters>,
  granularity: AsinGranularity,
  marketplace: Marketplace,
): Record<string, unknown>[] {
  const groups = new Map<string, { ids: Record<string, string>; counters: Counters }>();
  for (const listing of listings) {
    const counters = bySku.get(listing.sku);
    if (!counters) continue;
    const key =
      granularity === 'PARENT'
        ? listing.parentAsin
        : granularity === 'CHILD'
          ? listing.asin
          : listing.sku;
    const ids: Record<string, string> =
      granularity === 'PARENT'
        ? { parentAsin: listing.parentAsin }
        : granularity === 'CHILD'
          ? { parentAsin: listing.parentAsin, childAsin: listing.asin }
          : { parentAsin: listing.parentAsin, childAsin: listing.asin, sku: listing.sku };
    const group = groups.get(key) ?? { ids, counters: emptyCounters() };
    addInto(group.counters, counters, COUNTERS);
    groups.set(key, group);
  }
  const total = emptyCounters();
  for (const { counters } of groups.values()) addInto(total, counters, COUNTERS);
  const amount = (minor: number): { amount: number; currencyCode: string } => ({
    amount: minorToNumber(minor, marketplace.minorDigits),
    currencyCode: marketplace.currency,
  });
  const sessionsOf = (c: Counters): number => c.browserSessions + c.mobileSessions;
  const sessionsB2BOf = (c: Counters): number => c.browserSessionsB2B + c.mobileSessionsB2B;
  const viewsOf = (c: Counters): number => c.browserPageViews + c.mobilePageViews;
  const viewsB2BOf = (c: Counters): number => c.browserPageViewsB2B + c.mobilePageViewsB2B;
  return [...groups.values()].map(({ ids, counters: c }) => ({
    ...ids,
    salesByAsin: {
      unitsOrdered: c.units,
      unitsOrderedB2B: c.unitsB2B,
      orderedProductSales: amount(c.sales),
      orderedProductSalesB2B: amount(c.salesB2B),
      totalOrderItems: c.items,
      totalOrderItemsB2B: c.itemsB2B,
    },
    trafficByAsin: {
      browserSessions: c.browserSessions,
      browserSessionsB2B: c.browserSessionsB2B,
      mobileAppSessions: c.mobileSessions,
      mobileAppSessionsB2B: c.mobileSessionsB2B,
      sessions: sessionsOf(c),
      sessionsB2B: sessionsB2BOf(c),
      browserSessionPercentage: percent(c.browserSessions, total.browserSessions),
      browserSessionPercentageB2B: percent(c.browserSessionsB2B, total.browserSessionsB2B),
      mobileAppSessionPercentage: percent(c.mobileSessions, total.mobileSessions),
      mobileAppSessionPercentageB2B: percent(c.mobileSessionsB2B, total.mobileSessionsB2B),
      sessionPercentage: percent(sessionsOf(c), sessionsOf(total)),
      sessionPercentageB2B: percent(sessionsB2BOf(c), sessionsB2BOf(total)),
      browserPageViews: c.browserPageViews,
      browserPageViewsB2B: c.browserPageViewsB2B,
      mobileAppPageViews: c.mobilePageViews,
      mobileAppPageViewsB2B: c.mobilePageViewsB2B,
      pageViews: viewsOf(c),
      pageViewsB2B: viewsB2BOf(c),
      browserPageViewsPercentage: percent(c.browserPageViews, total.browserPageViews),
      browserPageViewsPercentageB2B: percent(c.browserPageViewsB2B, total.browserPageViewsB2B),
      mobileAppPageViewsPercentage: percent(c.mobilePageViews, total.mobilePageViews),
      mobileAppPageViewsPercentageB2B: percent(c.mobilePageViewsB2B, total.mobilePageViewsB2B),
      pageViewsPercentage: percent(viewsOf(c), viewsOf(total)),
      pageViewsPercentageB2B: percent(viewsB2BOf(c), viewsB2BOf(total)),
      buyBoxPercentage: percent(c.buyBoxViews, viewsOf(c)),
      buyBoxPercentageB2B: percent(c.buyBoxViewsB2B, viewsB2BOf(c)),
      unitSessionPercentage: round2(ratio(c.units * 100, sessionsOf(c))),
      unitSessionPercentageB2B: round2(ratio(c.unitsB2B * 100, sessionsB2BOf(c))),
    },
  }));
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function percent(part: number, whole: number): number {
  return Math.min(100, round2(ratio(part * 100, whole)));
}

function emptyCounters(): Counters {
  return {
    units: 0,
    unitsB2B: 0,
    sales: 0,
    salesB2B: 0,
    items: 0,
    itemsB2B: 0,
    browserSessions: 0,
    browserSessionsB2B: 0,
    mobileSessions: 0,
    mobileSessionsB2B: 0,
    browserPageViews: 0,
    browserPageViewsB2B: 0,
    mobilePageViews: 0,
    mobilePageViewsB2B: 0,
    buyBoxViews: 0,
    buyBoxViewsB2B: 0,
  };
}

function emptyDayTotals(): DayTotals {
  return {
    ...emptyCounters(),
    shippedSales: 0,
    unitsShipped: 0,
    ordersShipped: 0,
    unitsRefunded: 0,
    claimsGranted: 0,
    claimsAmount: 0,
    offerCount: 0,
    parentItems: 0,
    feedbackReceived: 0,
    negativeFeedbackReceived: 0,
    days: 0,
  };
}

function addInto<K extends string>(
  target: Record<K, number>,
  source: Record<K, number>,
  keys: readonly K[],
): void {
  for (const key of keys) target[key] += source[key];
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return values.some((candidate) => candidate === value);
}
