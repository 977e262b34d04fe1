import type { Marketplace } from '../marketplaces';
import { createRng } from '../random';

/** Amazon's stock of one ASIN at the end of one day. */
export interface VendorStock {
  /** Negative for backorders. */
  readonly sellable: number;
  readonly unsellable: number;
  /** Sellable units received at least 90 days earlier (0 when out of stock). */
  readonly aged90Plus: number;
  /** Units beyond forecast demand (0 when out of stock). */
  readonly unhealthy: number;
  /** Ordered but not shipped yet: backorders and a few recent orders. */
  readonly unfilledCustomerOrdered: number;
  /** Confirmed but not received; slightly negative when the vendor shipped more than asked. */
  readonly openPurchaseOrder: number;
}

/** Amazon's purchase orders of one ASIN on one day. */
export interface VendorPurchaseOrders {
  readonly requested: number;
  readonly confirmed: number;
  readonly received: number;
  readonly returnedToVendor: number;
  /** Days from order to receipt, in tenths. */
  readonly leadTimeTenths: number;
}

/** The stock of an ASIN at the end of a day: out of stock on about 4 % of days. */
export function vendorStock(
  seed: number,
  partnerId: string,
  marketplace: Marketplace,
  asin: string,
  day: number,
): VendorStock {
  const rng = createRng(seed, partnerId, marketplace.id, 'vendor-stock', day, asin);
  const draw = rng.next();
  const sellable = draw < 0.02 ? 0 : draw < 0.04 ? -rng.int(1, 5) : rng.int(20, 600);
  const inStock = Math.max(0, sellable);
  return {
    sellable,
    unsellable: rng.int(0, 25),
    aged90Plus: Math.floor(inStock * 0.35 * rng.next()),
    unhealthy: Math.floor(inStock * 0.25 * rng.next()),
    unfilledCustomerOrdered: rng.int(0, 8) + Math.max(0, -sellable),
    openPurchaseOrder: rng.chance(0.02) ? -rng.int(1, 5) : rng.int(0, 250),
  };
}

/**
 * Amazon's purchase orders of an ASIN on a day: the vendor confirms 75-105 % of the requested
 * units, Amazon receives 85-100 % of the confirmed ones and now and then returns some.
 */
export function vendorPurchaseOrders(
  seed: number,
  partnerId: string,
  marketplace: Marketplace,
  asin: string,
  day: number,
): VendorPurchaseOrders {
  const rng = createRng(seed, partnerId, marketplace.id, 'vendor-purchase-orders', day, asin);
  const requested = rng.int(2, 40);
  const confirmed = Math.round(requested * (0.75 + 0.3 * rng.next()));
  return {
    requested,
    confirmed,
    received: Math.round(confirmed * (0.85 + 0.15 * rng.next())),
    returnedToVendor: rng.chance(0.05) ? rng.int(1, 10) : 0,
    leadTimeTenths: rng.int(30, 210),
  };
}
