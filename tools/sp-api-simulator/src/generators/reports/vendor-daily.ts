import type { Marketplace } from '../marketplaces';
import { createRng } from '../random';

/** One ASIN's customer orders, shipments and returns on one day (vendor retail analytics). */
export interface VendorDailyUnits {
  readonly ordered: number;
  readonly shipped: number;
  readonly customerReturns: number;
}

/**
 * The units of one ASIN on one day, the same for every vendor report (sales, traffic, inventory,
 * margin, forecast): keyed by the day and the ASIN, not by the report or its options.
 */
export function vendorDailyUnits(
  seed: number,
  partnerId: string,
  marketplace: Marketplace,
  asin: string,
  day: number,
): VendorDailyUnits {
  const rng = createRng(seed, partnerId, marketplace.id, 'vendor-sales', day, asin);
  const ordered = rng.chance(0.3) ? 0 : rng.int(1, 40);
  const shipped = Math.max(0, ordered + rng.int(-3, 3));
  const customerReturns =
    shipped > 0 && rng.chance(0.1) ? rng.int(1, Math.max(1, Math.floor(shipped / 5))) : 0;
  return { ordered, shipped, customerReturns };
}

/** Detail page views of one ASIN on one day: several per ordered unit, plus browsers who left. */
export function vendorGlanceViews(
  seed: number,
  partnerId: string,
  marketplace: Marketplace,
  asin: string,
  day: number,
  orderedUnits: number,
): number {
  const rng = createRng(seed, partnerId, marketplace.id, 'vendor-traffic', day, asin);
  return orderedUnits * rng.int(6, 15) + rng.int(0, 40);
}

/** The vendor's unit cost (Amazon's wholesale cost) of an ASIN with this retail price. */
export function vendorUnitCostMinor(retailPriceMinor: number): number {
  return Math.round(retailPriceMinor * 0.62);
}
