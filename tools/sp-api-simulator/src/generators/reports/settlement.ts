import { DAY_MS, dayOf, formatIsoOffset } from '../calendar';
import type { Marketplace } from '../marketplaces';
import { formatMinor, roundMinor } from '../money';
import {
  HISTORY_START_DAY,
  MAX_REFUND_LAG_DAYS,
  ordersOnDay,
  type Order,
  type OrderLine,
} from '../orders';
import { createRng, hash32 } from '../random';
import { fatal, type ReportDefinition, type ResolvedRequest } from '../report-definition';

/** Columns of GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 (the documented 23 plus `promotion-id`, as real files). */
export const SETTLEMENT_HEADER = [
  'settlement-id',
  'settlement-start-date',
  'settlement-end-date',
  'deposit-date',
  'total-amount',
  'currency',
  'transaction-type',
  'order-id',
  'merchant-order-id',
  'adjustment-id',
  'shipment-id',
  'marketplace-name',
  'amount-type',
  'amount-description',
  'amount',
  'fulfillment-id',
  'posted-date',
  'posted-date-time',
  'order-item-code',
  'merchant-order-item-id',
  'merchant-adjustment-item-id',
  'sku',
  'quantity-purchased',
  'promotion-id',
] as const;

/**
 * Countries whose settlement files print amounts with a decimal comma: Amazon's changelog of the
 * Flat File V2 settlement report says it "displays amounts in local currency format (for example,
 * 95,00 for EU instead of 95.00)". No file has shown thousands separators, so none are printed.
 */
const DECIMAL_COMMA_COUNTRIES = new Set(['DE', 'FR', 'IT', 'ES', 'NL', 'SE', 'PL', 'BE']);

function printedAmount(minor: number, marketplace: Marketplace): string {
  const text = formatMinor(minor, marketplace.minorDigits);
  return DECIMAL_COMMA_COUNTRIES.has(marketplace.countryCode) ? text.replace('.', ',') : text;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * The two forms the same changelog gives for posted dates: `posted-date` MM/DD/YY and
 * `posted-date-time` YYYY-MM-DD HH:MM:SS UTC.
 */
export function printedPostedDate(ms: number): string {
  const date = new Date(ms);
  return `${pad2(date.getUTCMonth() + 1)}/${pad2(date.getUTCDate())}/${pad2(date.getUTCFullYear() % 100)}`;
}

export function printedPostedDateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Amazon closes a settlement every 14 days per marketplace. */
export const SETTLEMENT_PERIOD_MS = 14 * DAY_MS;

type Column = (typeof SETTLEMENT_HEADER)[number];
type Transaction = {
  readonly postedMs: number;
  readonly amountMinor: number;
  readonly cells: Partial<Record<Column, string>>;
};

/**
 * Settlement periods of a partner in a marketplace whose end lies in [fromMs, toMs]. Periods are
 * contiguous, start on or after 2025-01-01 and are offset by a seeded number of seconds.
 */
export function settlementPeriods(
  seed: number,
  sellingPartnerId: string,
  marketplaceId: string,
  fromMs: number,
  toMs: number,
): { startMs: number; endMs: number }[] {
  const anchor =
    HISTORY_START_DAY * DAY_MS +
    (hash32(seed, sellingPartnerId, marketplaceId, 'settlement') % (SETTLEMENT_PERIOD_MS / 1000)) *
      1000;
  const periods: { startMs: number; endMs: number }[] = [];
  const firstIndex = Math.max(0, Math.ceil((fromMs - anchor) / SETTLEMENT_PERIOD_MS) - 1);
  for (let k = firstIndex; ; k += 1) {
    const startMs = anchor + k * SETTLEMENT_PERIOD_MS;
    const endMs = startMs + SETTLEMENT_PERIOD_MS;
    if (endMs > toMs) break;
    if (endMs >= fromMs) periods.push({ startMs, endMs });
  }
  return periods;
}

/**
 * Transactions posted in [dataStartTime, dataEndTime) of one marketplace: shipped order lines,
 * refunds and fees. The first data row carries the totals (transaction columns empty) and its
 * `total-amount` is the sum of every `amount`. Lines end in CRLF, as Amazon's settlement files.
 */
export const settlementFlatFileV2: ReportDefinition = {
  reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
  format: 'tsv',
  accountTypes: ['seller'],
  requestable: false,
  build: (request) => {
    const [marketplace, ...others] = request.marketplaces;
    if (!marketplace || others.length > 0) {
      return fatal('A settlement report covers exactly one marketplace.');
    }
    const rows = settlementRows(request, marketplace);
    return {
      kind: 'tsv',
      header: SETTLEMENT_HEADER,
      lineEnding: '\r\n',
      rowCount: rows.length,
      rows: () => rows,
    };
  },
};

function settlementRows(
  { spec, startMs, endMs }: ResolvedRequest,
  marketplace: Marketplace,
): string[][] {
  const { seed, sellingPartnerId } = spec;
  const settlementId = `1${String(hash32(seed, sellingPartnerId, marketplace.id, startMs)).padStart(10, '0')}`;
  const inWindow = (ms: number): boolean => ms >= startMs && ms < endMs;
  const transactions: Transaction[] = [];
  let hasAfn = false;
  for (let day = dayOf(startMs) - MAX_REFUND_LAG_DAYS; day * DAY_MS < endMs; day += 1) {
    for (const order of ordersOnDay(seed, sellingPartnerId, marketplace, day)) {
      hasAfn ||= order.fulfillment === 'Amazon';
      if (order.outcome.status === 'Shipped' && inWindow(order.outcome.atMs)) {
        for (const line of order.lines) transactions.push(...orderTransactions(order, line));
      }
      if (order.refund && inWindow(order.refund.atMs))
        transactions.push(...refundTransactions(order));
    }
  }
  transactions.push(
    ...otherTransactions(seed, sellingPartnerId, marketplace, startMs, endMs, hasAfn),
  );
  transactions.sort((a, b) => a.postedMs - b.postedMs);

  let totalMinor = 0;
  const rows = transactions.map(({ postedMs, amountMinor, cells }) => {
    totalMinor += amountMinor;
    const full: Partial<Record<Column, string>> = {
      ...cells,
      'settlement-id': settlementId,
      'marketplace-name': cells['marketplace-name'] ?? marketplace.salesChannel,
      'posted-date': printedPostedDate(postedMs),
      'posted-date-time': printedPostedDateTime(postedMs),
    };
    return SETTLEMENT_HEADER.map((column) => full[column] ?? '');
  });
  const totals: Partial<Record<Column, string>> = {
    'settlement-id': settlementId,
    'settlement-start-date': formatIsoOffset(startMs),
    'settlement-end-date': formatIsoOffset(endMs),
    'deposit-date': formatIsoOffset(endMs + 3 * DAY_MS),
    'total-amount': printedAmount(totalMinor, marketplace),
    currency: marketplace.currency,
  };
  return [SETTLEMENT_HEADER.map((column) => totals[column] ?? ''), ...rows];
}

function orderTransactions(order: Order, line: OrderLine): Transaction[] {
  const { marketplace } = order;
  const withheld = marketplace.countryCode === 'US' || marketplace.countryCode === 'CA';
  const commission = -roundMinor(line.itemPriceMinor * 0.15);
  const fbaFee = order.fulfillment === 'Amazon' ? -localMinor(322, marketplace) * line.quantity : 0;
  const amounts: [amountType: string, description: string, minor: number, promotionId?: string][] =
    [
      ['ItemPrice', 'Principal', line.itemPriceMinor],
      ['ItemPrice', 'Tax', line.itemTaxMinor],
      ['ItemPrice', 'Shipping', line.shippingMinor],
      ['ItemPrice', 'ShippingTax', line.shippingTaxMinor],
      ['ItemPrice', 'GiftWrap', line.giftWrapMinor],
      ['ItemPrice', 'GiftWrapTax', line.giftWrapTaxMinor],
      ['Promotion', 'Principal', line.promotionDiscountMinor, line.promotionIds],
      ['ItemWithheldTax', 'MarketplaceFacilitatorTax-Principal', withheld ? -line.itemTaxMinor : 0],
      [
        'ItemWithheldTax',
        'MarketplaceFacilitatorTax-Shipping',
        withheld ? -line.shippingTaxMinor : 0,
      ],
      ['ItemFees', 'Commission', commission],
      ['ItemFees', 'FBAPerUnitFulfillmentFee', fbaFee],
    ];
  return amounts
    .filter(([, , minor]) => minor !== 0)
    .map(([amountType, description, minor, promotionId]) => ({
      postedMs: order.outcome.atMs,
      amountMinor: minor,
      cells: {
        'transaction-type': 'Order',
        'order-id': order.amazonOrderId,
        'merchant-order-id': order.merchantOrderId,
        'shipment-id': order.shipmentId,
        'amount-type': amountType,
        'amount-description': description,
        amount: printedAmount(minor, marketplace),
        'fulfillment-id': order.fulfillment === 'Amazon' ? 'AFN' : 'MFN',
        'order-item-code': line.orderItemId,
        sku: line.listing.sku,
        'quantity-purchased': String(line.quantity),
        'promotion-id': promotionId ?? '',
      },
    }));
}

function refundTransactions(order: Order): Transaction[] {
  const { refund, marketplace } = order;
  const line = order.lines[0];
  if (!refund || !line) return [];
  const commission = roundMinor(refund.amountMinor * 0.15);
  const refundCommission = Math.min(localMinor(500, marketplace), roundMinor(commission * 0.2));
  const amounts: [string, string, number][] = [
    ['ItemPrice', 'Principal', -refund.amountMinor],
    ['ItemFees', 'Commission', commission],
    ['ItemFees', 'RefundCommission', -refundCommission],
  ];
  return amounts.map(([amountType, description, minor]) => ({
    postedMs: refund.atMs,
    amountMinor: minor,
    cells: {
      'transaction-type': 'Refund',
      'order-id': order.amazonOrderId,
      'merchant-order-id': order.merchantOrderId,
      'adjustment-id': refund.adjustmentId,
      'amount-type': amountType,
      'amount-description': description,
      amount: printedAmount(minor, marketplace),
      'fulfillment-id': order.fulfillment === 'Amazon' ? 'AFN' : 'MFN',
      'order-item-code': line.orderItemId,
      sku: line.listing.sku,
    },
  }));
}

function otherTransactions(
  seed: number,
  partnerId: string,
  marketplace: Marketplace,
  startMs: number,
  endMs: number,
  hasAfn: boolean,
): Transaction[] {
  const rng = createRng(seed, partnerId, marketplace.id, 'settlement-fees', startMs);
  const fees: [description: string, postedMs: number, minor: number][] = [
    ['Subscription Fee', startMs + DAY_MS + 3 * 3_600_000 + 17_000, -localMinor(3999, marketplace)],
  ];
  if (hasAfn) {
    fees.push([
      'Storage Fee',
      startMs + 7 * DAY_MS + 5 * 3_600_000 + 41_000,
      -localMinor(rng.int(500, 6000), marketplace),
    ]);
  }
  return fees
    .filter(([, postedMs]) => postedMs < endMs)
    .map(([description, postedMs, minor]) => ({
      postedMs,
      amountMinor: minor,
      cells: {
        'transaction-type': 'other-transaction',
        'marketplace-name': '',
        'amount-type': 'other-transaction',
        'amount-description': description,
        amount: printedAmount(minor, marketplace),
      },
    }));
}

// A USD amount in cents converted to the marketplace's minor units.
function localMinor(usdCents: number, marketplace: Marketplace): number {
  const cents = usdCents * marketplace.priceFactor;
  return marketplace.minorDigits === 0 ? Math.round(cents / 100) : Math.round(cents);
}
