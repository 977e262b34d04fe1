import { dayFromDateKey } from './calendar';
import { findMarketplace } from './marketplaces';
import { isQuietDay } from './orders';

/**
 * True when a marketplace has no orders on a UTC date (`YYYY-MM-DD`): any date before 2025-01-01,
 * and Sundays in CA (`A2EUQ1WTGCTBG2`) and FR (`A13V1IB3VIYZZH`). Order reports whose window holds
 * only such days (for all its marketplaces) end CANCELLED.
 */
export function noOrdersOn(marketplaceId: string, date: string): boolean {
  const marketplace = findMarketplace(marketplaceId);
  const day = dayFromDateKey(date);
  return marketplace === undefined || day === undefined || isQuietDay(marketplace, day);
}
