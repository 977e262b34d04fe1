import type { ParquetColumn } from '@spapi-lake/lake';

/** The curated datasets of Flow 3 (Glue tables; one crawler each, like the report datasets). */
export const CatalogDataset = {
  CatalogItems: 'catalog_items',
  ListingsItems: 'listings_items',
  ListingsIssues: 'listings_issues',
} as const;
export type CatalogDataset = (typeof CatalogDataset)[keyof typeof CatalogDataset];

/** How a row came to be fetched (`_trigger` lineage column). */
export const RefreshTrigger = {
  /** A catalog refresh execution (schedule or on demand). */
  Refresh: 'refresh',
  /** A LISTINGS_ITEM_* notification about the SKU. */
  Notification: 'notification',
} as const;
export type RefreshTrigger = (typeof RefreshTrigger)[keyof typeof RefreshTrigger];

/**
 * Lineage of every row. A dataset holds one row per fetch: the current state of a key (ASIN or SKU
 * per partner and marketplace) is its row with the latest `_fetched_at`.
 */
export const catalogLineageColumns: readonly ParquetColumn[] = [
  { name: '_refresh_id', type: 'string', nullable: false },
  { name: '_trigger', type: 'string', nullable: false },
  /** JSON array of the notification ids a notification-driven fetch served. */
  { name: '_notification_ids', type: 'string', nullable: true },
  { name: '_fetched_at', type: 'timestamp', nullable: false },
];

const str = (name: string, nullable = true): ParquetColumn => ({ name, type: 'string', nullable });
const bool = (name: string): ParquetColumn => ({ name, type: 'boolean', nullable: true });
const int32 = (name: string): ParquetColumn => ({ name, type: 'int32', nullable: true });

// Partition columns (selling_partner_id, marketplace_id, dt) live in the key only: Glue adds them.
const catalogItemColumns: readonly ParquetColumn[] = [
  str('asin', false),
  str('item_name'),
  str('brand'),
  str('manufacturer'),
  str('item_classification'),
  str('product_type'),
  str('model_number'),
  str('part_number'),
  str('color'),
  str('size'),
  str('style'),
  str('website_display_group'),
  str('website_display_group_name'),
  str('browse_classification_id'),
  str('browse_classification_name'),
  { name: 'release_date', type: 'date', nullable: true },
  int32('package_quantity'),
  bool('adult_product'),
  bool('autographed'),
  bool('memorabilia'),
  bool('trade_in_eligible'),
  str('main_image_url'),
  { name: 'sales_rank', type: 'int64', nullable: true },
  str('sales_rank_display_group'),
  str('parent_asins_json'),
  str('child_asins_json'),
  str('identifiers_json'),
  str('images_json'),
  str('classifications_json'),
  str('dimensions_json'),
  str('relationships_json'),
  str('sales_ranks_json'),
  str('vendor_details_json'),
  str('attributes_json'),
];

/** Money of listings offers: exact decimals (SP-API sends decimal strings). */
export const LISTINGS_PRICE_SCALE = 4;

const listingsItemColumns: readonly ParquetColumn[] = [
  str('sku', false),
  str('asin'),
  /** True for a tombstone: the listing no longer exists in the marketplace (404 or DELETED). */
  { name: 'is_deleted', type: 'boolean', nullable: false },
  str('product_type'),
  str('condition_type'),
  /** JSON array of the statuses in force, e.g. ["BUYABLE","DISCOVERABLE"]. */
  str('status_json'),
  bool('is_buyable'),
  bool('is_discoverable'),
  str('item_name'),
  str('fn_sku'),
  { name: 'created_date', type: 'timestamp', nullable: true },
  { name: 'last_updated_date', type: 'timestamp', nullable: true },
  str('main_image_url'),
  { name: 'price_amount', type: 'decimal', nullable: true, precision: 18, scale: 4 },
  str('price_currency'),
  str('fulfillment_channel_code'),
  { name: 'quantity', type: 'int64', nullable: true },
  int32('issue_error_count'),
  int32('issue_warning_count'),
  int32('issue_info_count'),
  str('attributes_json'),
  str('offers_json'),
  str('fulfillment_availability_json'),
  str('procurement_json'),
];

const listingsIssueColumns: readonly ParquetColumn[] = [
  str('sku', false),
  str('asin'),
  /** Position of the issue in the item's `issues` (stable within one fetch). */
  { name: 'issue_position', type: 'int32', nullable: false },
  str('code'),
  str('message'),
  str('severity'),
  str('categories_json'),
  str('attribute_names_json'),
  /** JSON array of enforcement actions (LISTING_SUPPRESSED, SEARCH_SUPPRESSED...). */
  str('enforcement_actions_json'),
  str('enforcement_exemption_status'),
  { name: 'enforcement_exemption_expiry', type: 'timestamp', nullable: true },
];

const columnsByDataset: Readonly<Record<CatalogDataset, readonly ParquetColumn[]>> = {
  catalog_items: [...catalogItemColumns, ...catalogLineageColumns],
  listings_items: [...listingsItemColumns, ...catalogLineageColumns],
  listings_issues: [...listingsIssueColumns, ...catalogLineageColumns],
};

/** The Parquet columns of a catalog dataset, lineage last. */
export function catalogDatasetColumns(dataset: CatalogDataset): readonly ParquetColumn[] {
  return columnsByDataset[dataset];
}

/** Whether `name` is one of the catalog datasets. */
export function isCatalogDataset(name: string): name is CatalogDataset {
  return Object.hasOwn(columnsByDataset, name);
}

/** One curated dataset of Flow 3, as infra registers it (a Glue crawler on `<dataset>/`). */
export interface CatalogDatasetDefinition {
  readonly name: CatalogDataset;
  /** The key a row is identified by, besides the partition columns and `_fetched_at`. */
  readonly keyColumns: readonly string[];
  readonly columns: readonly ParquetColumn[];
}

/** Every dataset Flow 3 writes, sorted by name. */
export const catalogDatasets: readonly CatalogDatasetDefinition[] = [
  { name: 'catalog_items', keyColumns: ['asin'], columns: columnsByDataset.catalog_items },
  {
    name: 'listings_issues',
    keyColumns: ['sku', 'issue_position'],
    columns: columnsByDataset.listings_issues,
  },
  { name: 'listings_items', keyColumns: ['sku'], columns: columnsByDataset.listings_items },
];
