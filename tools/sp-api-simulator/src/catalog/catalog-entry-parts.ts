import type { Marketplace } from '../generators/marketplaces';
import { type createRng, hash32 } from '../generators/random';

// Parts of a catalog entry shared by the products' and the books' entries.

/** A marketplace's browse node id for a key (stable across seeds, like Amazon's). */
export function nodeId(marketplaceId: string, key: string): string {
  return String(1_000_000_000 + (hash32(marketplaceId, key, 'browse-node') % 900_000_000));
}

/** List prices end in .99 (or a round 10 yen), like most retail prices. */
export function listPriceMinor(baseCents: number, marketplace: Marketplace): number {
  const local = baseCents * marketplace.priceFactor;
  if (marketplace.minorDigits === 0) return Math.max(10, Math.round(local / 1000) * 10);
  return Math.max(99, Math.floor(local / 100) * 100 + 99);
}

const IMAGE_ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-';
const IMAGE_VARIANTS = ['MAIN', 'PT01', 'PT02', 'PT03', 'PT04', 'PT05', 'PT06', 'PT07', 'PT08'];

/** `count` images (MAIN first) with media-amazon links. */
export function imagesOf(
  rng: ReturnType<typeof createRng>,
  count: number,
): { variant: string; link: string; height: number; width: number }[] {
  return IMAGE_VARIANTS.slice(0, count).map((variant) => {
    let id = '';
    for (let i = 0; i < 11; i += 1) id += IMAGE_ID_CHARS[rng.int(0, IMAGE_ID_CHARS.length - 1)];
    const size = rng.pick([500, 1000, 1500, 2000]);
    return {
      variant,
      link: `https://m.media-amazon.com/images/I/${id}L.jpg`,
      height: size,
      width: size,
    };
  });
}

/** Item and package dimensions of a size in cm and kg, in inches and pounds unless `metric`. */
export function dimensionsOf(
  size: readonly [number, number, number, number],
  metric: boolean,
): Record<string, unknown> {
  const [length, width, height, weight] = size;
  const len = (cm: number) =>
    metric
      ? { unit: 'centimeters', value: round2(cm) }
      : { unit: 'inches', value: round2(cm / 2.54) };
  const mass = (kg: number) =>
    metric
      ? { unit: 'kilograms', value: round2(kg) }
      : { unit: 'pounds', value: round2(kg * 2.20462) };
  return {
    item: { length: len(length), width: len(width), height: len(height), weight: mass(weight) },
    package: {
      length: len(length + 2),
      width: len(width + 2),
      height: len(height + 2),
      weight: mass(weight * 1.1 + 0.05),
    },
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
