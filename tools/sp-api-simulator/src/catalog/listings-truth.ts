import { dayOf, dateKey } from '../generators/calendar';
import { listingsFor, type Listing } from '../generators/listings';
import { findMarketplace } from '../generators/marketplaces';
import { formatMinor } from '../generators/money';
import { hash32 } from '../generators/random';
import { DEFAULT_CLOCK_START } from '../server/simulated-clock';
import type { Partner, World } from '../world/world';
import { catalogIndex } from './catalog-index';
import type { CatalogEntry } from './catalog-truth';
import type { ListingIssue, ListingRecord, ListingStatus, Money } from './listing-record';

/** What a control call changed on a listing; it wins over the generated values. */
export interface ListingOverride {
  readonly status?: readonly ListingStatus[];
  readonly issues?: readonly ListingIssue[];
  readonly price?: Money;
  readonly deleted?: boolean;
  /** Epoch ms of the last change. */
  readonly lastUpdated: number;
}

const DAY_MS = 86_400_000;

/** Changes made through the control handle, keyed by partner, marketplace and SKU. */
export function listingOverrides(world: World): Map<string, ListingOverride> {
  return world.state('listing-overrides', () => new Map<string, ListingOverride>());
}

/** The key of a listing in {@link listingOverrides}. */
export function listingKey(sellingPartnerId: string, marketplaceId: string, sku: string): string {
  return `${sellingPartnerId}\u0000${marketplaceId}\u0000${sku}`;
}

/**
 * Ground truth of a partner's listings in a marketplace at simulated time `at` (epoch ms; day-based
 * values such as price and quantity follow the day): the same SKUs and ASINs as the listings
 * reports, plus the changes made with `changeListing`. Deleted listings are left out.
 */
export function listingsTruth(
  world: World,
  sellingPartnerId: string,
  marketplaceId: string,
  at: number = DEFAULT_CLOCK_START,
): readonly ListingRecord[] {
  const partner = world.partners.get(sellingPartnerId);
  if (partner === undefined || !partner.marketplaceIds.includes(marketplaceId)) return [];
  const overrides = listingOverrides(world);
  const catalog = catalogIndex(world, marketplaceId);
  const records: ListingRecord[] = [];
  for (const listing of listingsFor(
    world.seed,
    sellingPartnerId,
    marketplaceId,
    dateKey(dayOf(at)),
  )) {
    const override = overrides.get(listingKey(sellingPartnerId, marketplaceId, listing.sku));
    if (override?.deleted === true) continue;
    const base = baseRecord(world.seed, partner, listing, at, catalog.get(listing.asin));
    records.push(override === undefined ? base : applyOverride(base, override));
  }
  return records;
}

function applyOverride(base: ListingRecord, override: ListingOverride): ListingRecord {
  return {
    ...base,
    ...(override.status === undefined ? {} : { status: override.status }),
    ...(override.issues === undefined ? {} : { issues: override.issues }),
    ...(override.price === undefined || base.price === undefined ? {} : { price: override.price }),
    lastUpdatedDate: new Date(
      Math.max(Date.parse(base.lastUpdatedDate), override.lastUpdated),
    ).toISOString(),
  };
}

function baseRecord(
  seed: number,
  partner: Partner,
  listing: Listing,
  at: number,
  catalog: CatalogEntry | undefined,
): ListingRecord {
  const vendor = partner.accountType === 'vendor';
  const marketplace = findMarketplace(listing.marketplaceId);
  const digits = marketplace?.minorDigits ?? 2;
  const created = Date.parse(listing.openDate);
  const updateOffset =
    (hash32(seed, partner.sellingPartnerId, listing.marketplaceId, listing.sku, 'updated') % 400) *
      DAY_MS +
    (hash32(seed, listing.sku, 'updated-second') % 86_400) * 1000;
  const lastUpdated = Math.max(created, Math.min(created + updateOffset, at));
  const price: Money = { currencyCode: listing.currency, amount: listing.price };
  return {
    sellingPartnerId: partner.sellingPartnerId,
    marketplaceId: listing.marketplaceId,
    sku: listing.sku,
    asin: listing.asin,
    productType: listing.productType,
    conditionType: 'new_new',
    status: statusOf(listing, vendor),
    ...(listing.fnsku === '' ? {} : { fnSku: listing.fnsku }),
    itemName: listing.title,
    createdDate: new Date(created).toISOString(),
    lastUpdatedDate: new Date(lastUpdated).toISOString(),
    ...(catalog === undefined ? {} : { mainImage: catalog.mainImage }),
    issues: issuesOf(seed, partner.sellingPartnerId, listing),
    ...(vendor
      ? {
          costPrice: {
            currencyCode: listing.currency,
            amount: formatMinor(Math.round(listing.priceMinor * 0.6), digits),
          },
        }
      : { price }),
    fulfillmentChannelCode: listing.fulfillmentChannel,
    quantity: listing.quantity,
    identifiers: catalog?.identifiers ?? [
      { identifierType: listing.productIdType, identifier: listing.productId },
    ],
  };
}

function statusOf(listing: Listing, vendor: boolean): ListingStatus[] {
  if (listing.status === 'Incomplete') return [];
  if (vendor || listing.status === 'Inactive') return ['DISCOVERABLE'];
  return ['BUYABLE', 'DISCOVERABLE'];
}

// Incomplete listings miss a required attribute (and are suppressed); a few others carry a warning.
function issuesOf(seed: number, sellingPartnerId: string, listing: Listing): ListingIssue[] {
  const issues: ListingIssue[] = [];
  if (listing.status === 'Incomplete') {
    issues.push({
      code: '90220',
      message: "'main_product_image_locator' is required but not supplied.",
      severity: 'ERROR',
      categories: ['MISSING_ATTRIBUTE'],
      attributeNames: ['main_product_image_locator'],
      enforcements: {
        actions: [{ action: 'LISTING_SUPPRESSED' }],
        exemption: { status: 'NOT_EXEMPT' },
      },
    });
  }
  if (hash32(seed, sellingPartnerId, listing.marketplaceId, listing.sku, 'warning') % 6 === 0) {
    issues.push({
      code: '18155',
      message: "The 'bullet_point' attribute is recommended for this product type.",
      severity: 'WARNING',
      categories: ['MISSING_ATTRIBUTE'],
      attributeNames: ['bullet_point'],
    });
  }
  return issues;
}
