import { dayFromDateKey, daysFromCivil, formatIsoOffset, dateKey, DAY_MS } from './calendar';
import { tsvCell } from './document-text';
import { findMarketplace, type Marketplace } from './marketplaces';
import { boundedMemo } from './memo';
import { formatMinor } from './money';
import { createRng, hash32, type Rng } from './random';
import {
  BRANDS,
  COLOURS,
  DESCRIPTIONS,
  EDITIONS,
  PRODUCT_KINDS,
  styled,
  type ProductKind,
} from './vocabulary';

/** A product of a selling partner's catalog, the same in every marketplace and on every day. */
export interface Product {
  readonly index: number;
  readonly sku: string;
  readonly asin: string;
  /** Parent ASIN of a variation family; equals `asin` for a standalone product. */
  readonly parentAsin: string;
  readonly kind: ProductKind;
  readonly brandIndex: number;
  /** Colour of a variation child, undefined for a standalone product. */
  readonly colourIndex: number | undefined;
  /** 12-digit UPC; EU and FE marketplaces show it as the 13-digit EAN `0` + UPC. */
  readonly upc: string;
  readonly basePriceCents: number;
  /** Fulfilled by Amazon (FBA) rather than by the merchant. */
  readonly afn: boolean;
  readonly fnsku: string;
}

/** One listing of a product in one marketplace on one day (price and quantity vary by day). */
export interface Listing {
  readonly marketplaceId: string;
  readonly sku: string;
  readonly asin: string;
  readonly parentAsin: string;
  readonly title: string;
  /** Empty for some listings, as in real files. */
  readonly description: string;
  readonly brand: string;
  readonly productType: string;
  readonly colour: string;
  readonly listingId: string;
  readonly productId: string;
  readonly productIdType: 'UPC' | 'EAN';
  /** ISO 8601 with the marketplace's standard-time offset, e.g. `2023-05-10T03:22:33-08:00`. */
  readonly openDate: string;
  readonly fulfillmentChannel: 'DEFAULT' | Marketplace['afnChannel'];
  readonly fnsku: string;
  readonly status: 'Active' | 'Inactive' | 'Incomplete';
  readonly currency: string;
  /** Price in minor units (cents; yen for JPY). */
  readonly priceMinor: number;
  /** Price as written in reports, e.g. `24.99` (or `1980` in JPY). */
  readonly price: string;
  /** Sellable units on that day (MFN stock, or FBA fulfillable units). */
  readonly quantity: number;
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const productMemo = boundedMemo<readonly Product[]>(64);
const stableMemo = boundedMemo<readonly StableListing[]>(256);

/**
 * The selling partner's product catalog for a seed: 36-56 products, some grouped in variation
 * families. Product 0 has a title starting with a double quote, product 1 a trailing space,
 * product 3 stays `Incomplete`; the skillet kind carries an inch mark (`12"`).
 */
export function productsFor(seed: number, sellingPartnerId: string): readonly Product[] {
  return productMemo(`${seed}\u0000${sellingPartnerId}`, () =>
    buildProducts(seed, sellingPartnerId),
  );
}

/**
 * The partner's listings in a marketplace on a date (`YYYY-MM-DD` or an ISO instant): the same
 * SKUs and ASINs every day, with a day-dependent price, quantity and status. Unknown marketplaces
 * have no listings.
 */
export function listingsFor(
  seed: number,
  sellingPartnerId: string,
  marketplaceId: string,
  date: string,
): readonly Listing[] {
  const marketplace = findMarketplace(marketplaceId);
  const day = dayFromDateKey(date);
  if (!marketplace || day === undefined) return [];
  return listingsOnDay(seed, sellingPartnerId, marketplace, day);
}

/** `listingsFor` with a parsed marketplace and a day number. */
export function listingsOnDay(
  seed: number,
  sellingPartnerId: string,
  marketplace: Marketplace,
  day: number,
): readonly Listing[] {
  return stableListings(seed, sellingPartnerId, marketplace).map((stable) =>
    dailyListing(seed, sellingPartnerId, marketplace, stable, day),
  );
}

/** The partner's products listed in the marketplace (every day the same), in catalog order. */
export function listedProducts(
  seed: number,
  sellingPartnerId: string,
  marketplace: Marketplace,
): readonly Product[] {
  return stableListings(seed, sellingPartnerId, marketplace).map((stable) => stable.product);
}

type StableListing = Omit<Listing, 'status' | 'priceMinor' | 'price' | 'quantity'> & {
  readonly product: Product;
};

// The day-independent part of the listings, built once per (seed, partner, marketplace).
function stableListings(
  seed: number,
  partnerId: string,
  marketplace: Marketplace,
): readonly StableListing[] {
  return stableMemo(`${seed}\u0000${partnerId}\u0000${marketplace.id}`, () =>
    productsFor(seed, partnerId)
      .filter((product) => isListedIn(seed, partnerId, marketplace, product))
      .map((product) => stableListing(seed, partnerId, marketplace, product)),
  );
}

function isListedIn(
  seed: number,
  partnerId: string,
  marketplace: Marketplace,
  product: Product,
): boolean {
  return (
    product.index < 4 || hash32(seed, partnerId, marketplace.id, product.sku, 'listed') % 100 < 88
  );
}

function stableListing(
  seed: number,
  partnerId: string,
  marketplace: Marketplace,
  product: Product,
): StableListing {
  const { language, style } = marketplace;
  const fixed = createRng(seed, partnerId, marketplace.id, product.sku, 'listing');
  const brand = tsvCell(styled(brandName(marketplace, product.brandIndex), style));
  const colour =
    product.colourIndex === undefined ? '' : (COLOURS[language][product.colourIndex] ?? '');
  const title = tsvCell(styled(titleOf(marketplace, product, brand, colour), style));
  const openDay = daysFromCivil(2019, 1, 1) + fixed.int(0, 6 * 365);
  const openMs = openDay * DAY_MS + fixed.int(1, 86_398) * 1000;
  const openKey = dateKey(openDay);
  const eu = marketplace.region !== 'NA';
  return {
    product,
    marketplaceId: marketplace.id,
    sku: product.sku,
    asin: product.asin,
    parentAsin: product.parentAsin,
    title,
    description: product.index % 5 === 3 ? '' : tsvCell(styled(DESCRIPTIONS[language], style)),
    brand,
    productType: product.kind.productType,
    colour,
    listingId: `${openKey.slice(5, 7)}${openKey.slice(8, 10)}Z${alnum(fixed, 6)}`,
    productId: eu ? `0${product.upc}` : product.upc,
    productIdType: eu ? 'EAN' : 'UPC',
    openDate: formatIsoOffset(openMs, marketplace.utcOffsetMinutes),
    fulfillmentChannel: product.afn ? marketplace.afnChannel : 'DEFAULT',
    fnsku: product.fnsku,
    currency: marketplace.currency,
  };
}

function dailyListing(
  seed: number,
  partnerId: string,
  marketplace: Marketplace,
  stable: StableListing,
  day: number,
): Listing {
  const { product, ...listing } = stable;
  const daily = createRng(seed, partnerId, marketplace.id, product.sku, 'listing-day', day);
  const localCents = product.basePriceCents * marketplace.priceFactor;
  const onSale = daily.chance(0.2);
  const priceMinor = roundPrice(onSale ? localCents * 0.9 : localCents, marketplace);
  const quantity = daily.chance(0.06) ? 0 : daily.int(3, 150);
  return {
    ...listing,
    status: product.index === 3 ? 'Incomplete' : quantity === 0 ? 'Inactive' : 'Active',
    priceMinor,
    price: formatMinor(priceMinor, marketplace.minorDigits),
    quantity,
  };
}

function titleOf(
  marketplace: Marketplace,
  product: Product,
  brand: string,
  colour: string,
): string {
  const name = product.kind.names[marketplace.language];
  const base = colour === '' ? `${brand} ${name}` : `${brand} ${name} – ${colour}`;
  const edition = product.index % 9 === 4 ? ` – ${EDITIONS[marketplace.language]}` : '';
  if (product.index === 0) return `"Premium" ${base}`;
  if (product.index === 1) return `${base}${edition} `;
  return `${base}${edition}`;
}

function brandName(marketplace: Marketplace, brandIndex: number): string {
  const brands = marketplace.language === 'ja' ? BRANDS.ja : BRANDS.latin;
  return brands[brandIndex % brands.length] ?? '';
}

/**
 * A retail price in minor units: ends in .99 (or in a round 10 yen), like most retail prices.
 * `cents` is in hundredths of the local currency.
 */
export function roundPrice(cents: number, marketplace: Marketplace): number {
  if (marketplace.minorDigits === 0) return Math.max(10, Math.round(cents / 1000) * 10);
  return Math.max(99, Math.floor(cents / 100) * 100 + 99);
}

function buildProducts(seed: number, partnerId: string): readonly Product[] {
  const rng = createRng(seed, partnerId, 'products');
  const target = rng.int(36, 56);
  const asins = new Set<string>();
  const newAsin = (): string => {
    for (;;) {
      const asin = `B0${alnum(rng, 8)}`;
      if (!asins.has(asin)) {
        asins.add(asin);
        return asin;
      }
    }
  };
  const products: Product[] = [];
  while (products.length < target) {
    const kindIndex = rng.int(0, PRODUCT_KINDS.length - 1);
    const kind = PRODUCT_KINDS[kindIndex] ?? PRODUCT_KINDS[0];
    if (!kind) break;
    const brandIndex = rng.int(0, 7);
    const family = rng.chance(0.4) ? rng.int(2, 4) : 0;
    const parentAsin = family > 0 ? newAsin() : undefined;
    const basePriceCents = rng.int(kind.priceCents[0], kind.priceCents[1]);
    const afn = rng.chance(0.55);
    const firstColour = rng.int(0, 4);
    for (let member = 0; member < Math.max(family, 1) && products.length < target; member += 1) {
      const index = products.length;
      const asin = newAsin();
      const colourIndex = family > 0 ? (firstColour + member) % 5 : undefined;
      products.push({
        index,
        sku: skuOf(rng, index, kind, brandIndex, colourIndex),
        asin,
        parentAsin: parentAsin ?? asin,
        kind,
        brandIndex,
        colourIndex,
        upc: upcOf(rng),
        basePriceCents: basePriceCents + (colourIndex ?? 0) * 100,
        afn,
        fnsku: afn ? (index % 7 === 3 ? asin : `X00${alnum(rng, 7)}`) : '',
      });
    }
  }
  return products;
}

// Mostly `BR-KIND-COL-0042`; a few awkward ones (leading zeros, lower case, dots) as sellers use.
function skuOf(
  rng: Rng,
  index: number,
  kind: ProductKind,
  brandIndex: number,
  colourIndex: number | undefined,
): string {
  const serial = String(rng.int(0, 9999)).padStart(4, '0');
  if (index % 11 === 5) return `00${serial}-${index}`;
  if (index % 13 === 7) return `zk.${kind.key}.${index}`;
  const brand = ['MS', 'CO', 'NL', 'SL', 'GM', 'EV', 'ZK', 'BL'][brandIndex] ?? 'XX';
  const colour =
    colourIndex === undefined ? '' : `-${['BLU', 'CRM', 'GRN', 'RSE', 'GRA'][colourIndex]}`;
  return `${brand}-${kind.key.toUpperCase()}${colour}-${serial}-${index}`;
}

function upcOf(rng: Rng): string {
  const digits = Array.from({ length: 11 }, () => rng.int(0, 9));
  const odd = digits.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0);
  const even = digits.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0);
  const check = (10 - ((odd * 3 + even) % 10)) % 10;
  return `${digits.join('')}${check}`;
}

function alnum(rng: Rng, length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += ALNUM[rng.int(0, ALNUM.length - 1)];
  return text;
}
