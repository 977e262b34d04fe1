import type { ParquetRecord } from '@spapi-lake/lake';
import {
  asArray,
  asObject,
  attributesFor,
  booleanField,
  dateField,
  entryFor,
  integerField,
  jsonText,
  stringField,
  stringsField,
  type JsonObject,
} from './json-fields';
import type { CatalogItemRecord } from './ports';
import { type RowLineage, lineageValues } from './row-lineage';

/**
 * The `catalog_items` row of one item in one marketplace: the marketplace's summary as typed
 * columns, a few typed conveniences (main image, sales rank, variation parents), and each nested
 * dataset of that marketplace as a JSON string. Datasets not requested are null.
 */
export function catalogItemRow(
  item: CatalogItemRecord,
  marketplaceId: string,
  lineage: RowLineage,
): ParquetRecord {
  const summary = entryFor(item['summaries'], marketplaceId);
  const browse = asObject(summary?.['browseClassification']);
  const images = entryFor(item['images'], marketplaceId);
  const imageList = images?.['images'];
  const salesRanks = entryFor(item['salesRanks'], marketplaceId);
  const topRank = asObject(asArray(salesRanks?.['displayGroupRanks'])[0]);
  const relationships = entryFor(item['relationships'], marketplaceId)?.['relationships'];
  const productType = entryFor(item['productTypes'], marketplaceId);
  const packageQuantity = integerField(summary, 'packageQuantity');
  return {
    asin: item.asin,
    item_name: stringField(summary, 'itemName'),
    brand: stringField(summary, 'brand'),
    manufacturer: stringField(summary, 'manufacturer'),
    item_classification: stringField(summary, 'itemClassification'),
    product_type: stringField(productType, 'productType'),
    model_number: stringField(summary, 'modelNumber'),
    part_number: stringField(summary, 'partNumber'),
    color: stringField(summary, 'color'),
    size: stringField(summary, 'size'),
    style: stringField(summary, 'style'),
    website_display_group: stringField(summary, 'websiteDisplayGroup'),
    website_display_group_name: stringField(summary, 'websiteDisplayGroupName'),
    browse_classification_id: stringField(browse, 'classificationId'),
    browse_classification_name: stringField(browse, 'displayName'),
    release_date: dateField(summary, 'releaseDate'),
    package_quantity:
      packageQuantity !== null && Math.abs(packageQuantity) <= 2 ** 31 - 1 ? packageQuantity : null,
    adult_product: booleanField(summary, 'adultProduct'),
    autographed: booleanField(summary, 'autographed'),
    memorabilia: booleanField(summary, 'memorabilia'),
    trade_in_eligible: booleanField(summary, 'tradeInEligible'),
    main_image_url: mainImageUrl(imageList),
    sales_rank: integerField(topRank, 'rank'),
    sales_rank_display_group: stringField(topRank, 'websiteDisplayGroup'),
    parent_asins_json: relatedAsins(relationships, 'parentAsins'),
    child_asins_json: relatedAsins(relationships, 'childAsins'),
    identifiers_json: jsonText(entryFor(item['identifiers'], marketplaceId)?.['identifiers']),
    images_json: jsonText(imageList),
    classifications_json: jsonText(
      entryFor(item['classifications'], marketplaceId)?.['classifications'],
    ),
    dimensions_json: jsonText(withoutMarketplace(entryFor(item['dimensions'], marketplaceId))),
    relationships_json: jsonText(relationships),
    sales_ranks_json: jsonText(withoutMarketplace(salesRanks)),
    vendor_details_json: jsonText(
      withoutMarketplace(entryFor(item['vendorDetails'], marketplaceId)),
    ),
    attributes_json: jsonText(attributesFor(item['attributes'], marketplaceId)),
    ...lineageValues(lineage),
  };
}

function mainImageUrl(images: unknown): string | null {
  const list = asArray(images).map(asObject);
  const main = list.find((image) => image?.['variant'] === 'MAIN') ?? list[0];
  return stringField(main, 'link');
}

// Variation parents / children over all relationship entries; null when there are none.
function relatedAsins(relationships: unknown, key: 'parentAsins' | 'childAsins'): string | null {
  const asins = asArray(relationships).flatMap((entry) => stringsField(asObject(entry), key));
  return asins.length === 0 ? null : JSON.stringify([...new Set(asins)]);
}

function withoutMarketplace(entry: JsonObject | undefined): JsonObject | undefined {
  if (entry === undefined) return undefined;
  const { marketplaceId: _marketplaceId, ...rest } = entry;
  return rest;
}
