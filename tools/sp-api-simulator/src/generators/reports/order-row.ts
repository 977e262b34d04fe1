import { formatIsoOffset } from '../calendar';
import { formatMinor } from '../money';
import type { Order, OrderLine } from '../orders';

/**
 * Columns of GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL as real files print them: the
 * documented list plus `number-of-items`, `tax-collection-model`,
 * `tax-collection-responsible-party` and `address-type`, in the places where independent public
 * copies of real headers show them (SPAPI.md 5.2). So the pipeline's by-name reading and these
 * typed columns are exercised end to end.
 */
export const ORDERS_BY_ORDER_DATE_HEADER = [
  'amazon-order-id',
  'merchant-order-id',
  'purchase-date',
  'last-updated-date',
  'order-status',
  'fulfillment-channel',
  'sales-channel',
  'order-channel',
  'ship-service-level',
  'product-name',
  'sku',
  'asin',
  'number-of-items',
  'item-status',
  'tax-collection-model',
  'tax-collection-responsible-party',
  'quantity',
  'currency',
  'item-price',
  'item-tax',
  'shipping-price',
  'shipping-tax',
  'gift-wrap-price',
  'gift-wrap-tax',
  'item-promotion-discount',
  'ship-promotion-discount',
  'address-type',
  'ship-city',
  'ship-state',
  'ship-postal-code',
  'ship-country',
  'promotion-ids',
  'cpf',
  'is-business-order',
  'purchase-order-number',
  'price-designation',
] as const;

/** The BY_LAST_UPDATE list: the same columns without `cpf`. */
export const ORDERS_BY_LAST_UPDATE_HEADER = ORDERS_BY_ORDER_DATE_HEADER.filter(
  (column) => column !== 'cpf',
);

/** The state an order is shown in. */
export type OrderState = 'Pending' | 'Shipped' | 'Cancelled';

const ITEM_STATUS: Readonly<Record<OrderState, string>> = {
  Pending: 'Unshipped',
  Shipped: 'Shipped',
  Cancelled: 'Cancelled',
};

/** One orders-report row for an order line in a given state; cells in header order. */
export function orderRow(
  order: Order,
  line: OrderLine,
  state: OrderState,
  lastUpdatedMs: number,
  withCpf: boolean,
  purchaseMs: number = order.purchaseMs,
): string[] {
  const { marketplace } = order;
  // Cancelled lines and pending merchant-fulfilled orders carry no prices (as Amazon's files).
  const priced =
    state !== 'Cancelled' && !(state === 'Pending' && order.fulfillment === 'Merchant');
  const money = (minor: number): string =>
    priced ? formatMinor(minor, marketplace.minorDigits) : '';
  const [city, shipState, postalCode] = order.place;
  const tax = taxCollectionOf(order);
  const row = [
    order.amazonOrderId,
    order.merchantOrderId,
    formatIsoOffset(purchaseMs),
    formatIsoOffset(lastUpdatedMs),
    state,
    order.fulfillment,
    marketplace.salesChannel,
    '',
    order.shipServiceLevel,
    line.listing.title,
    line.listing.sku,
    line.listing.asin,
    `${itemsOf(order)}`,
    ITEM_STATUS[state],
    tax.model,
    tax.responsibleParty,
    state === 'Cancelled' ? '0' : `${line.quantity}`,
    priced ? marketplace.currency : '',
    money(line.itemPriceMinor),
    money(line.itemTaxMinor),
    money(line.shippingMinor),
    money(line.shippingTaxMinor),
    money(line.giftWrapMinor),
    money(line.giftWrapTaxMinor),
    money(line.promotionDiscountMinor),
    money(0),
    addressTypeOf(order),
    city,
    shipState,
    postalCode,
    order.countryCode,
    line.promotionIds,
  ];
  if (withCpf) row.push('');
  row.push(
    order.isBusinessOrder ? 'true' : 'false',
    order.purchaseOrderNumber,
    order.priceDesignation,
  );
  return row;
}

/** The order's item count: the units of all its lines (the column is not documented). */
function itemsOf(order: Order): number {
  let items = 0;
  for (const line of order.lines) items += line.quantity;
  return items;
}

// The Orders API's TaxCollection values: Amazon collects US sales tax as marketplace facilitator.
function taxCollectionOf(order: Order): { model: string; responsibleParty: string } {
  return order.marketplace.countryCode === 'US'
    ? { model: 'MarketplaceFacilitator', responsibleParty: 'Amazon Services, Inc.' }
    : { model: '', responsibleParty: '' };
}

// The Orders API's AddressType values, given for addresses the seller ships to.
function addressTypeOf(order: Order): string {
  if (order.fulfillment !== 'Merchant') return '';
  return order.isBusinessOrder ? 'Commercial' : 'Residential';
}
