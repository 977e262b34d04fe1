import { roundPrice } from '../listings';
import type { Marketplace } from '../marketplaces';
import { createRng, hash32 } from '../random';
import { PRODUCT_KINDS, SEARCH_TERMS } from '../vocabulary';
import { shippingCounts, shippingShares, type ShippingCounts } from './search-funnel';

/** The product kind each search-term stem (`SEARCH_TERMS`, same order in every language) is about. */
const STEM_KINDS = [
  'bottle',
  'knife',
  'skillet',
  'grinder',
  'yoga-mat',
  'lamp',
  'headphones',
  'tea-set',
  'backpack',
  'towels',
] as const;

/** A search query and the product kind it is about. */
export interface SearchQuery {
  readonly text: string;
  readonly kindKey: string;
}

/** Marketplace-wide activity of one search query in one period, the same for every ASIN. */
export interface SearchQueryTotals {
  readonly searchQueryVolume: number;
  readonly impressionCount: number;
  readonly clickCount: number;
  readonly cartAddCount: number;
  readonly purchaseCount: number;
  readonly clicks: ShippingCounts;
  readonly cartAdds: ShippingCounts;
  readonly purchases: ShippingCounts;
  readonly medianClickPriceMinor: number;
  readonly medianCartAddPriceMinor: number;
  readonly medianPurchasePriceMinor: number;
}

/**
 * The search query of `rank` (1 = best) for a product of the given kind: first the queries about
 * its own kind (a stem with each modifier), then those of the next stems; past every combination,
 * a round number is appended (`yoga mat large 2`).
 */
export function searchQueryFor(
  marketplace: Marketplace,
  kindKey: string,
  rank: number,
): SearchQuery {
  const { stems, modifiers } = SEARCH_TERMS[marketplace.language];
  const combinations = stems.length * modifiers.length;
  const index = (stemIndexOf(kindKey) * modifiers.length + rank - 1) % combinations;
  const round = Math.floor((rank - 1) / combinations);
  const stemIndex = Math.floor(index / modifiers.length);
  const stem = stems[stemIndex] ?? '';
  const modifier = modifiers[index % modifiers.length] ?? '';
  return {
    text: round === 0 ? `${stem}${modifier}` : `${stem}${modifier} ${round + 1}`,
    kindKey: STEM_KINDS[stemIndex] ?? kindKey,
  };
}

/**
 * What all shoppers of the marketplace did with a query in the period starting on `firstDay`:
 * keyed by the query, not by the partner, so every report shows the same totals.
 */
export function searchQueryTotals(
  seed: number,
  marketplace: Marketplace,
  period: string,
  firstDay: number,
  days: number,
  query: SearchQuery,
): SearchQueryTotals {
  const rng = createRng(seed, marketplace.id, 'search-query', period, firstDay, query.text);
  const popularity = rng.next();
  const searchQueryVolume = Math.round(days * (30 + 2500 * popularity * popularity));
  const impressionCount = searchQueryVolume * rng.int(8, 24);
  const clickCount = Math.floor(searchQueryVolume * (0.3 + 0.6 * rng.next()));
  const cartAddCount = Math.floor(clickCount * (0.08 + 0.22 * rng.next()));
  const purchaseCount = Math.floor(cartAddCount * (0.3 + 0.45 * rng.next()));
  const shares = shippingShares(rng);
  const clicks = shippingCounts(rng, clickCount, shares);
  const cartAdds = shippingCounts(rng, cartAddCount, shares, clicks);
  const purchases = shippingCounts(rng, purchaseCount, shares, cartAdds);
  const kind = PRODUCT_KINDS.find((candidate) => candidate.key === query.kindKey);
  const [low, high] = kind?.priceCents ?? [999, 9999];
  const medianCents = rng.int(low, high) * marketplace.priceFactor;
  return {
    searchQueryVolume,
    impressionCount,
    clickCount,
    cartAddCount,
    purchaseCount,
    clicks,
    cartAdds,
    purchases,
    medianClickPriceMinor: roundPrice(medianCents, marketplace),
    medianCartAddPriceMinor: roundPrice(medianCents * (0.92 + 0.12 * rng.next()), marketplace),
    medianPurchasePriceMinor: roundPrice(medianCents * (0.9 + 0.12 * rng.next()), marketplace),
  };
}

// Kinds without a stem of their own (phone cases, board games) get a stable other one.
function stemIndexOf(kindKey: string): number {
  const index = STEM_KINDS.findIndex((key) => key === kindKey);
  return index >= 0 ? index : hash32(kindKey) % STEM_KINDS.length;
}
