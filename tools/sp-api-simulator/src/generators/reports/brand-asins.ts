import { listedProducts, roundPrice } from '../listings';
import type { Marketplace } from '../marketplaces';
import { minorToNumber } from '../money';
import { createRng, hash32, type Rng } from '../random';
import { PRODUCT_KINDS } from '../vocabulary';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** An ASIN of the brand's catalog as Brand Analytics reports see it in one marketplace. */
export interface BrandAsin {
  readonly asin: string;
  /** `ProductKind.key` of the product. */
  readonly kindKey: string;
  /** The listing price on regular days and on sale days (minor units), as in the listings. */
  readonly regularPriceMinor: number;
  readonly salePriceMinor: number;
  /** 0.2 to 1: how much search traffic and how many orders the ASIN draws in the marketplace. */
  readonly popularity: number;
}

/**
 * Every ASIN the selling partner lists in the marketplace, in catalog order: the ASINs its orders,
 * sales and traffic and listings reports know there.
 */
export function brandAsins(
  seed: number,
  partnerId: string,
  marketplace: Marketplace,
): readonly BrandAsin[] {
  return listedProducts(seed, partnerId, marketplace).map((product) =>
    brandAsin(seed, marketplace, product.asin, product.kind.key, product.basePriceCents),
  );
}

/**
 * The ASINs a report covers: the requested ones the partner owns (request order), or the whole
 * catalog when the request names none. Amazon has no data for ASINs of other brands.
 */
export function selectAsins(
  catalog: readonly BrandAsin[],
  requested: readonly string[] | undefined,
): readonly BrandAsin[] {
  if (requested === undefined) return catalog;
  const byAsin = new Map(catalog.map((item) => [item.asin, item]));
  return requested.flatMap((asin) => byAsin.get(asin) ?? []);
}

/**
 * Exactly `size` ASINs for `rowsOverride`: the first of `selection`, then (when more are needed)
 * ASINs of a synthetic extended catalog, the same for every report of the partner.
 */
export function sizedAsins(
  seed: number,
  partnerId: string,
  marketplace: Marketplace,
  selection: readonly BrandAsin[],
  size: number,
): readonly BrandAsin[] {
  const sized = selection.slice(0, size);
  for (let index = sized.length; index < size; index += 1) {
    const rng = createRng(seed, partnerId, 'extended-catalog', index);
    const asin = randomAsin(rng);
    const kind = rng.pick(PRODUCT_KINDS);
    const basePriceCents = rng.int(kind.priceCents[0], kind.priceCents[1]);
    sized.push(brandAsin(seed, marketplace, asin, kind.key, basePriceCents));
  }
  return sized;
}

/** A plausible ASIN: `B0` and eight capitals or digits. */
export function randomAsin(rng: Rng): string {
  let text = 'B0';
  for (let i = 0; i < 8; i += 1) text += ALNUM[rng.int(0, ALNUM.length - 1)];
  return text;
}

/** An amount in minor units as a schema `CurrencyAmount` of the marketplace currency. */
export function currencyAmount(
  minor: number,
  marketplace: Marketplace,
): { amount: number; currencyCode: string } {
  return {
    amount: minorToNumber(minor, marketplace.minorDigits),
    currencyCode: marketplace.currency,
  };
}

function brandAsin(
  seed: number,
  marketplace: Marketplace,
  asin: string,
  kindKey: string,
  basePriceCents: number,
): BrandAsin {
  const localCents = basePriceCents * marketplace.priceFactor;
  return {
    asin,
    kindKey,
    regularPriceMinor: roundPrice(localCents, marketplace),
    salePriceMinor: roundPrice(localCents * 0.9, marketplace),
    popularity: 0.2 + 0.8 * ((hash32(seed, marketplace.id, asin, 'popularity') % 1000) / 999),
  };
}
