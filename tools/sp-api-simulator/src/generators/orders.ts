import { DAY_MS, daysFromCivil, weekday } from './calendar';
import { tsvCell } from './document-text';
import { listingsOnDay, type Listing } from './listings';
import { boundedMemo } from './memo';
import type { Marketplace } from './marketplaces';
import { roundMinor } from './money';
import { createRng, type Rng } from './random';
import { GENERIC_PLACES, PLACES, styled, type Place } from './vocabulary';

// Module-level aliases: global lookups are slow inside jest's VM contexts (hot paths).
const { floor, min, round } = Math;

/** The simulated world has no orders (nor analytics data) before this day (2025-01-01). */
export const HISTORY_START_DAY = daysFromCivil(2025, 1, 1);

/** An order ships or is cancelled within this many days of its purchase day. */
export const MAX_OUTCOME_LAG_DAYS = 4;

/** A refund is posted at most this many days after the order's purchase day. */
export const MAX_REFUND_LAG_DAYS = 25;

/** One order line (one SKU); money in minor units of the marketplace currency. */
export interface OrderLine {
  readonly orderItemId: string;
  readonly listing: Listing;
  readonly quantity: number;
  /** Unit price x quantity, as `item-price` shows it. */
  readonly itemPriceMinor: number;
  readonly itemTaxMinor: number;
  readonly shippingMinor: number;
  readonly shippingTaxMinor: number;
  readonly giftWrapMinor: number;
  readonly giftWrapTaxMinor: number;
  /** Zero or negative. */
  readonly promotionDiscountMinor: number;
  readonly promotionIds: string;
}

/** What happened to an order after it was placed (it is `Pending` until then). */
export interface OrderOutcome {
  readonly status: 'Shipped' | 'Cancelled';
  readonly atMs: number;
}

/** A refund of the first line, posted after shipping (settlement reports only). */
export interface OrderRefund {
  readonly atMs: number;
  readonly adjustmentId: string;
  readonly amountMinor: number;
}

/** One simulated order. Its rows and values are a pure function of (seed, partner, marketplace, day). */
export interface Order {
  readonly amazonOrderId: string;
  readonly merchantOrderId: string;
  readonly marketplace: Marketplace;
  readonly purchaseMs: number;
  readonly fulfillment: 'Amazon' | 'Merchant';
  readonly shipServiceLevel: string;
  readonly shipmentId: string;
  readonly place: Place;
  readonly countryCode: string;
  readonly isBusinessOrder: boolean;
  readonly purchaseOrderNumber: string;
  readonly priceDesignation: string;
  readonly lines: readonly OrderLine[];
  readonly outcome: OrderOutcome;
  readonly refund: OrderRefund | undefined;
}

/** Everything `buildOrder` needs besides its random source. */
export interface OrderContext {
  readonly marketplace: Marketplace;
  readonly afnListings: readonly Listing[];
  readonly mfnListings: readonly Listing[];
}

const WEEKDAY_FACTOR = [0.8, 1, 1, 1, 1, 1.1, 1.2] as const;
const ADDED_SALES_TAX: Readonly<Record<string, number>> = { US: 0.0825, CA: 0.13 };
const ALNUM_MIXED = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/**
 * True when the marketplace has no orders at all on that day: before `HISTORY_START_DAY`, and on
 * the marketplace's quiet weekday (Sundays in CA `A2EUQ1WTGCTBG2` and FR `A13V1IB3VIYZZH`).
 */
export function isQuietDay(marketplace: Marketplace, day: number): boolean {
  return day < HISTORY_START_DAY || marketplace.quietWeekday === weekday(day);
}

/** The orders placed on a UTC day, sorted by purchase time (never at second :00 or :59). */
export function ordersOnDay(
  seed: number,
  sellingPartnerId: string,
  marketplace: Marketplace,
  day: number,
): readonly Order[] {
  if (isQuietDay(marketplace, day)) return [];
  return ordersMemo(`${seed}\u0000${sellingPartnerId}\u0000${marketplace.id}\u0000${day}`, () =>
    generateOrders(seed, sellingPartnerId, marketplace, day),
  );
}

// About 30 orders per entry: a few MB at most.
const ordersMemo = boundedMemo<readonly Order[]>(1024);

function generateOrders(
  seed: number,
  sellingPartnerId: string,
  marketplace: Marketplace,
  day: number,
): readonly Order[] {
  const context = orderContext(seed, sellingPartnerId, marketplace, day);
  if (context.afnListings.length + context.mfnListings.length === 0) return [];
  const rng = createRng(seed, sellingPartnerId, marketplace.id, 'orders', day);
  const mean = marketplace.meanDailyOrders * (WEEKDAY_FACTOR[weekday(day)] ?? 1);
  const count = round(mean * (0.6 + 0.8 * rng.next()));
  const times = Array.from({ length: count }, () =>
    innerSecond(day * DAY_MS + rng.int(0, 86_399) * 1000),
  ).sort((a, b) => a - b);
  return times.map((purchaseMs) => buildOrder(rng, context, purchaseMs));
}

/** The listings orders can be placed for on a day, split by fulfillment channel. */
export function orderContext(
  seed: number,
  sellingPartnerId: string,
  marketplace: Marketplace,
  day: number,
): OrderContext {
  const active = listingsOnDay(seed, sellingPartnerId, marketplace, day).filter(
    (listing) => listing.status === 'Active',
  );
  return {
    marketplace,
    afnListings: active.filter((listing) => listing.fulfillmentChannel !== 'DEFAULT'),
    mfnListings: active.filter((listing) => listing.fulfillmentChannel === 'DEFAULT'),
  };
}

/** Builds one order placed at `purchaseMs`, drawing every choice from `rng`. */
export function buildOrder(rng: Rng, context: OrderContext, purchaseMs: number): Order {
  const { marketplace } = context;
  const afn =
    context.mfnListings.length === 0 || (context.afnListings.length > 0 && rng.chance(0.6));
  const pool = afn ? context.afnListings : context.mfnListings;
  const lineCount = min(pool.length, rng.chance(0.8) ? 1 : rng.chance(0.75) ? 2 : 3);
  const chosen = new Set<Listing>();
  while (chosen.size < lineCount) chosen.add(rng.pick(pool));
  const shipServiceLevel = afn
    ? rng.pick(['Standard', 'Standard', 'Expedited', 'SecondDay', 'NextDay'])
    : rng.pick(['Standard', 'Standard', 'Expedited']);
  const place = rng.pick(placesOf(marketplace));
  const isBusinessOrder = rng.chance(0.08);
  const cancelled = rng.chance(0.06);
  const outcomeLagS = cancelled
    ? rng.int(5, 600) * 60
    : afn
      ? rng.int(2 * 3600, 30 * 3600)
      : rng.int(12 * 3600, 72 * 3600);
  const lines = [...chosen].map((listing, index) =>
    buildLine(rng, marketplace, listing, index === 0 && (!afn || shipServiceLevel !== 'Standard')),
  );
  const outcome: OrderOutcome = {
    status: cancelled ? 'Cancelled' : 'Shipped',
    atMs: innerSecond(purchaseMs + outcomeLagS * 1000),
  };
  const first = lines[0];
  const refund =
    !cancelled && first && rng.chance(0.04)
      ? {
          atMs: innerSecond(outcome.atMs + rng.int(3 * 86_400, 20 * 86_400) * 1000),
          adjustmentId: digits(rng, 14),
          amountMinor: first.itemPriceMinor,
        }
      : undefined;
  return {
    amazonOrderId: newOrderId(rng, marketplace),
    merchantOrderId: !afn && rng.chance(0.3) ? `MO-${digits(rng, 6)}` : '',
    marketplace,
    purchaseMs,
    fulfillment: afn ? 'Amazon' : 'Merchant',
    shipServiceLevel,
    shipmentId: `D${mixed(rng, 8)}`,
    place,
    countryCode: marketplace.countryCode,
    isBusinessOrder,
    purchaseOrderNumber: isBusinessOrder && rng.chance(0.5) ? `PO-${digits(rng, 6)}` : '',
    priceDesignation: isBusinessOrder && rng.chance(0.5) ? 'BusinessPrice' : '',
    lines,
    outcome,
    refund,
  };
}

/** A new order id of the marketplace's region, e.g. `111-1234567-1234567` (NA) or `302-...` (EU). */
export function newOrderId(rng: Rng, marketplace: Marketplace): string {
  return `${rng.pick(marketplace.orderIdPrefixes)}-${digits(rng, 7)}-${digits(rng, 7)}`;
}

function buildLine(
  rng: Rng,
  marketplace: Marketplace,
  listing: Listing,
  charged: boolean,
): OrderLine {
  const quantity = rng.chance(0.85) ? 1 : rng.int(2, 3);
  const itemPriceMinor = listing.priceMinor * quantity;
  const shippingMinor = charged ? (marketplace.minorDigits === 0 ? 500 : 499) : 0;
  const giftWrapMinor = rng.chance(0.03) ? (marketplace.minorDigits === 0 ? 300 : 399) : 0;
  const promotion = rng.chance(0.1);
  const promotionDiscountMinor = promotion ? -roundMinor(itemPriceMinor * 0.1) : 0;
  return {
    orderItemId: digits(rng, 14),
    listing,
    quantity,
    itemPriceMinor,
    itemTaxMinor: taxOf(itemPriceMinor, marketplace),
    shippingMinor,
    shippingTaxMinor: taxOf(shippingMinor, marketplace),
    giftWrapMinor,
    giftWrapTaxMinor: taxOf(giftWrapMinor, marketplace),
    promotionDiscountMinor,
    promotionIds: promotion ? rng.pick(promotionIdsOf(marketplace)) : '',
  };
}

const PROMOTION_IDS = {
  de: ['Sparabo-Rabatt 10 %', 'Black-Friday-Angebot 2026 – 10 %', 'PLM-Aktion-Küche'],
  default: ['Core Free Shipping Promotion 2026', 'PLM-Promo-10-Percent', 'Lightning Deal – 10 %'],
} as const;

// Styled once per marketplace: order generation is the hot path of multi-million-row documents.
const styledPlaces = new Map<string, readonly Place[]>();
const styledPromotionIds = new Map<string, readonly string[]>();

function placesOf(marketplace: Marketplace): readonly Place[] {
  let places = styledPlaces.get(marketplace.id);
  if (!places) {
    places = (PLACES[marketplace.countryCode] ?? GENERIC_PLACES).map(
      ([city, state, postalCode]): Place => [
        tsvCell(styled(city, marketplace.style)),
        tsvCell(styled(state, marketplace.style)),
        tsvCell(postalCode),
      ],
    );
    styledPlaces.set(marketplace.id, places);
  }
  return places;
}

function promotionIdsOf(marketplace: Marketplace): readonly string[] {
  let ids = styledPromotionIds.get(marketplace.id);
  if (!ids) {
    const source = PROMOTION_IDS[marketplace.language === 'de' ? 'de' : 'default'];
    ids = source.map((id) => tsvCell(styled(id, marketplace.style)));
    styledPromotionIds.set(marketplace.id, ids);
  }
  return ids;
}

// VAT is included in EU and JP prices (item-tax shows the included part); US and CA add sales tax.
function taxOf(amountMinor: number, marketplace: Marketplace): number {
  if (amountMinor === 0) return 0;
  const added = ADDED_SALES_TAX[marketplace.countryCode];
  if (added !== undefined) return roundMinor(amountMinor * added);
  const rate = marketplace.includedVatRate;
  return roundMinor((amountMinor * rate) / (1 + rate));
}

// Event times never fall on second :00 or :59, so inclusive and exclusive window ends agree for
// windows ending at hh:mm:00 or hh:mm:59(.999).
function innerSecond(ms: number): number {
  const second = floor(ms / 1000) % 60;
  return second === 0 ? ms + 1000 : second === 59 ? ms - 1000 : ms;
}

function digits(rng: Rng, length: number): string {
  let text = '';
  for (let left = length; left > 0; left -= 7) {
    // A leading 1 keeps the zero padding; it is cut off again.
    text += `${10_000_000 + rng.int(0, 9_999_999)}`.slice(8 - min(7, left));
  }
  return text;
}

function mixed(rng: Rng, length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += ALNUM_MIXED[rng.int(0, ALNUM_MIXED.length - 1)];
  return text;
}
