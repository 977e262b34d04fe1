import { dateKey, daysFromCivil } from '../generators/calendar';
import { listingsFor, productsFor, type Listing, type Product } from '../generators/listings';
import { findMarketplace, type Marketplace } from '../generators/marketplaces';
import { formatMinor } from '../generators/money';
import { createRng, hash32 } from '../generators/random';
import { DESCRIPTIONS, styled } from '../generators/vocabulary';
import { bookEntries } from './catalog-books';
import { dimensionsOf, imagesOf, listPriceMinor, nodeId } from './catalog-entry-parts';
import { DEFAULT_CLOCK_START } from '../server/simulated-clock';
import type { World } from '../world/world';
import {
  DEFAULT_KIND_WORDS,
  DEPARTMENT_NODES,
  KIND_CATALOG_WORDS,
  type KindCatalogWords,
} from './catalog-words';

/** Datasets `includedData` can ask for. */
export const CATALOG_DATASETS = [
  'attributes',
  'classifications',
  'dimensions',
  'identifiers',
  'images',
  'productTypes',
  'relationships',
  'salesRanks',
  'summaries',
  'vendorDetails',
] as const;
export type CatalogDataset = (typeof CATALOG_DATASETS)[number];

/** A browse node as the Catalog API shows it. */
export interface BrowseNode {
  readonly displayName: string;
  readonly classificationId: string;
  readonly parent?: BrowseNode;
}

/** One ASIN in one marketplace: what the Catalog Items API knows about it. */
export interface CatalogEntry {
  readonly asin: string;
  readonly marketplaceId: string;
  readonly itemClassification: 'BASE_PRODUCT' | 'VARIATION_PARENT';
  readonly productType: string;
  readonly brand: string;
  readonly itemName: string;
  /** Leaf first, then its ancestors. */
  readonly classificationIds: readonly string[];
  readonly browseNode: BrowseNode;
  readonly identifiers: readonly { readonly identifierType: string; readonly identifier: string }[];
  readonly listPrice: { readonly currencyCode: string; readonly amount: string };
  readonly parentAsin?: string;
  readonly childAsins: readonly string[];
  /** The MAIN image, reused by listing summaries. */
  readonly mainImage: { readonly link: string; readonly height: number; readonly width: number };
  /** Lower-case text keyword searches match against. */
  readonly searchText: string;
  /**
   * The marketplace's part of each dataset, as it appears inside the API's per-marketplace arrays
   * (without `marketplaceId`); `attributes` is the attribute map of this marketplace.
   */
  readonly datasets: { readonly [K in CatalogDataset]: Readonly<Record<string, unknown>> };
}

/** Synthetic sellers whose products fill the catalog beyond the world's own partners. */
export const CATALOG_FILLER_SELLERS = [
  'A1SIMCATALOGA1',
  'A1SIMCATALOGB2',
  'A1SIMCATALOGC3',
] as const;

// Listing titles and membership do not depend on the day; prices do, and the catalog's list price
// is taken from the product's base price instead.
const REFERENCE_DATE = new Date(DEFAULT_CLOCK_START).toISOString().slice(0, 10);

/**
 * Ground truth of the catalog of a marketplace: the products of every partner selling there (the
 * same SKUs and ASINs as the listings reports), their variation parents, filler products, and the
 * books of the marketplace's language (ISBN identifiers; see `catalog-books.ts`).
 * Unknown marketplaces have an empty catalog.
 */
export function catalogTruth(world: World, marketplaceId: string): readonly CatalogEntry[] {
  const marketplace = findMarketplace(marketplaceId);
  if (marketplace === undefined) return [];
  const sellers = catalogSellers(world, marketplaceId);
  // A pure function of seed, marketplace and sellers: memoised across worlds (tests build many).
  const key = `${world.seed}\u0000${marketplaceId}\u0000${sellers.join(',')}`;
  let entries = catalogMemo.get(key);
  if (entries === undefined) {
    entries = buildCatalog(world.seed, marketplace, sellers);
    if (catalogMemo.size >= MEMO_LIMIT) catalogMemo.clear();
    catalogMemo.set(key, entries);
  }
  return entries;
}

const MEMO_LIMIT = 32;
const catalogMemo = new Map<string, readonly CatalogEntry[]>();

function catalogSellers(world: World, marketplaceId: string): string[] {
  const partners = [...world.partners.values()]
    .filter((partner) => partner.marketplaceIds.includes(marketplaceId))
    .map((partner) => partner.sellingPartnerId);
  return [...partners, ...CATALOG_FILLER_SELLERS];
}

interface Member {
  readonly product: Product;
  readonly listing: Listing;
}

function buildCatalog(
  seed: number,
  marketplace: Marketplace,
  sellers: readonly string[],
): readonly CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  const seen = new Set<string>();
  for (const seller of sellers) {
    const products = new Map(productsFor(seed, seller).map((p) => [p.asin, p]));
    const members: Member[] = [];
    for (const listing of listingsFor(seed, seller, marketplace.id, REFERENCE_DATE)) {
      const product = products.get(listing.asin);
      if (product !== undefined) members.push({ product, listing });
    }
    const families = new Map<string, Member[]>();
    for (const member of members) {
      const family = families.get(member.product.parentAsin) ?? [];
      family.push(member);
      families.set(member.product.parentAsin, family);
    }
    for (const [parentAsin, family] of families) {
      const first = family[0];
      if (first === undefined) continue;
      const isFamily = family.some((m) => m.product.asin !== parentAsin);
      if (isFamily && !seen.has(parentAsin)) {
        seen.add(parentAsin);
        entries.push(parentEntry(seed, marketplace, parentAsin, family));
      }
      for (const member of family) {
        if (seen.has(member.product.asin)) continue;
        seen.add(member.product.asin);
        entries.push(childEntry(seed, marketplace, member, isFamily ? parentAsin : undefined));
      }
    }
  }
  for (const book of bookEntries(seed, marketplace)) {
    if (!seen.has(book.asin)) entries.push(book);
  }
  return entries;
}

function kindWords(product: Product): KindCatalogWords {
  return KIND_CATALOG_WORDS[product.kind.key] ?? DEFAULT_KIND_WORDS;
}

function childEntry(
  seed: number,
  marketplace: Marketplace,
  member: Member,
  parentAsin: string | undefined,
): CatalogEntry {
  const { product, listing } = member;
  const upc = product.upc;
  const identifiers =
    marketplace.region === 'NA'
      ? [
          { identifierType: 'UPC', identifier: upc },
          { identifierType: 'EAN', identifier: `0${upc}` },
          { identifierType: 'GTIN', identifier: `00${upc}` },
        ]
      : [
          { identifierType: 'EAN', identifier: `0${upc}` },
          { identifierType: 'GTIN', identifier: `00${upc}` },
          ...(marketplace.countryCode === 'JP'
            ? [{ identifierType: 'JAN', identifier: `0${upc}` }]
            : []),
        ];
  return entry(seed, marketplace, {
    asin: product.asin,
    product,
    brand: listing.brand,
    itemName: listing.title,
    colour: listing.colour,
    itemClassification: 'BASE_PRODUCT',
    identifiers,
    ...(parentAsin === undefined ? {} : { parentAsin }),
    childAsins: [],
    basePriceCents: product.basePriceCents,
  });
}

function parentEntry(
  seed: number,
  marketplace: Marketplace,
  parentAsin: string,
  family: readonly Member[],
): CatalogEntry {
  const first = family[0] as Member;
  const name = first.product.kind.names[marketplace.language];
  return entry(seed, marketplace, {
    asin: parentAsin,
    product: first.product,
    brand: first.listing.brand,
    itemName: styled(`${first.listing.brand} ${name}`, marketplace.style),
    colour: '',
    itemClassification: 'VARIATION_PARENT',
    identifiers: [],
    childAsins: family.map((m) => m.product.asin),
    basePriceCents: Math.min(...family.map((m) => m.product.basePriceCents)),
  });
}

interface EntryInput {
  readonly asin: string;
  readonly product: Product;
  readonly brand: string;
  readonly itemName: string;
  readonly colour: string;
  readonly itemClassification: CatalogEntry['itemClassification'];
  readonly identifiers: CatalogEntry['identifiers'];
  readonly parentAsin?: string;
  readonly childAsins: readonly string[];
  readonly basePriceCents: number;
}

function entry(seed: number, marketplace: Marketplace, input: EntryInput): CatalogEntry {
  const { asin, product } = input;
  const words = kindWords(product);
  const language = marketplace.language;
  const mp = marketplace.id;
  const tag = `${language}_${marketplace.countryCode}`;
  const rng = createRng(seed, mp, asin, 'catalog');
  const departmentNode: BrowseNode = {
    displayName: DEPARTMENT_NODES[words.department]?.[language] ?? '',
    classificationId: nodeId(mp, `department-${words.department}`),
  };
  const browseNode: BrowseNode = {
    displayName: words.category[language],
    classificationId: nodeId(mp, product.kind.key),
    parent: departmentNode,
  };
  const listPrice = {
    currencyCode: marketplace.currency,
    amount: formatMinor(listPriceMinor(input.basePriceCents, marketplace), marketplace.minorDigits),
  };
  const modelNumber = `${product.kind.key.toUpperCase()}-${product.upc.slice(-5)}`;
  const releaseDate = dateKey(daysFromCivil(2018, 1, 1) + (hash32(seed, asin, 'release') % 2800));
  const images = imagesOf(rng, input.itemClassification === 'VARIATION_PARENT' ? 2 : rng.int(2, 6));
  const mainImage = images[0] as { link: string; height: number; width: number; variant: string };
  const domain = marketplace.salesChannel.toLowerCase();
  const value = (v: unknown) => [{ value: v, language_tag: tag, marketplace_id: mp }];
  const summaries: Record<string, unknown> = {
    adultProduct: false,
    autographed: false,
    brand: input.brand,
    browseClassification: {
      displayName: browseNode.displayName,
      classificationId: browseNode.classificationId,
    },
    ...(input.colour === '' ? {} : { color: input.colour }),
    itemClassification: input.itemClassification,
    itemName: input.itemName,
    manufacturer: input.brand,
    memorabilia: false,
    modelNumber,
    packageQuantity: 1,
    partNumber: modelNumber,
    releaseDate,
    tradeInEligible: false,
    websiteDisplayGroup: words.websiteDisplayGroup,
    websiteDisplayGroupName: words.websiteDisplayGroupName,
  };
  const attributes: Record<string, unknown> = {
    item_name: value(input.itemName),
    brand: value(input.brand),
    manufacturer: value(input.brand),
    model_number: [{ value: modelNumber, marketplace_id: mp }],
    bullet_point: value(styled(DESCRIPTIONS[language], marketplace.style)),
    ...(input.colour === '' ? {} : { color: value(input.colour) }),
    list_price: [
      { value: Number(listPrice.amount), currency: listPrice.currencyCode, marketplace_id: mp },
    ],
    ...(input.identifiers.length === 0
      ? {}
      : {
          externally_assigned_product_identifier: input.identifiers
            .filter((id) => id.identifierType === 'UPC' || id.identifierType === 'EAN')
            .map((id) => ({
              type: id.identifierType.toLowerCase(),
              value: id.identifier,
              marketplace_id: mp,
            })),
        }),
    item_package_quantity: [{ value: 1, marketplace_id: mp }],
  };
  const metric = marketplace.countryCode !== 'US';
  const variationTheme = { attributes: ['color'], theme: 'COLOR' };
  const relationships =
    input.itemClassification === 'VARIATION_PARENT'
      ? [{ type: 'VARIATION', childAsins: [...input.childAsins], variationTheme }]
      : input.parentAsin === undefined
        ? []
        : [{ type: 'VARIATION', parentAsins: [input.parentAsin], variationTheme }];
  const classificationRank = 1 + (hash32(seed, mp, asin, 'rank') % 40_000);
  const groupRank = classificationRank * 7 + (hash32(seed, mp, asin, 'group-rank') % 5_000);
  const searchText = [
    input.itemName,
    input.brand,
    product.kind.names[language],
    words.category[language],
    product.kind.productType,
  ]
    .join(' ')
    .normalize('NFC')
    .toLowerCase();
  return {
    asin,
    marketplaceId: mp,
    itemClassification: input.itemClassification,
    productType: product.kind.productType,
    brand: input.brand,
    itemName: input.itemName,
    classificationIds: [browseNode.classificationId, departmentNode.classificationId],
    browseNode,
    identifiers: input.identifiers,
    listPrice,
    ...(input.parentAsin === undefined ? {} : { parentAsin: input.parentAsin }),
    childAsins: input.childAsins,
    mainImage: { link: mainImage.link, height: mainImage.height, width: mainImage.width },
    searchText,
    datasets: {
      summaries,
      attributes,
      classifications: { classifications: [browseNode] },
      dimensions: dimensionsOf(words.size, metric),
      identifiers: { identifiers: input.identifiers.map((id) => ({ ...id })) },
      images: { images },
      productTypes: { productType: product.kind.productType },
      relationships: { relationships },
      salesRanks: {
        classificationRanks: [
          {
            classificationId: browseNode.classificationId,
            title: browseNode.displayName,
            link: `https://www.${domain}/gp/bestsellers/${browseNode.classificationId}`,
            rank: classificationRank,
          },
        ],
        displayGroupRanks: [
          {
            websiteDisplayGroup: words.websiteDisplayGroup,
            title: words.websiteDisplayGroupName,
            link: `https://www.${domain}/gp/bestsellers/${words.websiteDisplayGroup}`,
            rank: groupRank,
          },
        ],
      },
      vendorDetails: {
        brandCode:
          input.brand
            .replace(/[^A-Za-z]/g, '')
            .slice(0, 5)
            .toUpperCase() || 'BRAND',
        manufacturerCode: `MFR${hash32(seed, input.brand, 'mfr') % 100_000}`,
        manufacturerCodeParent: `MFR${hash32(seed, input.brand, 'mfr-parent') % 100_000}`,
        productCategory: {
          value: String(10 + words.department),
          displayName: departmentNode.displayName,
        },
        productGroup: words.websiteDisplayGroupName,
        productSubcategory: {
          value: String(1000 + (hash32(product.kind.key) % 9000)),
          displayName: browseNode.displayName,
        },
        replenishmentCategory: 'BASIC_REPLENISHMENT',
      },
    },
  };
}
