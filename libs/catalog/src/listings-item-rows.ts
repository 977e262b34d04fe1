import type { ParquetRecord } from '@spapi-lake/lake';
import { LISTINGS_PRICE_SCALE } from './catalog-datasets';
import {
  asArray,
  asObject,
  attributesFor,
  decimalField,
  entryFor,
  instantField,
  integerField,
  jsonText,
  stringField,
  stringsField,
  type JsonObject,
} from './json-fields';
import type { ListingsItemRecord } from './ports';
import { type RowLineage, lineageValues } from './row-lineage';

/** The rows one listing contributes in one marketplace. */
export interface ListingRows {
  readonly item: ParquetRecord;
  readonly issues: readonly ParquetRecord[];
}

/**
 * The `listings_items` row and `listings_issues` rows of a listing in one marketplace, or undefined
 * when the answer has no summary for that marketplace (the SKU is not listed there). Issues without
 * `marketplaceIds` apply to every marketplace; `fulfillmentAvailability` and `procurement` carry no
 * marketplace in the model and are repeated on each marketplace's row.
 */
export function listingRows(
  item: ListingsItemRecord,
  marketplaceId: string,
  lineage: RowLineage,
): ListingRows | undefined {
  const summary = entryFor(item['summaries'], marketplaceId);
  if (summary === undefined) return undefined;
  const asin = stringField(summary, 'asin');
  const status = stringsField(summary, 'status');
  const issues = asArray(item['issues'])
    .map(asObject)
    .filter((issue): issue is JsonObject => issue !== undefined)
    .filter((issue) => {
      const scope = issue['marketplaceIds'];
      return scope === undefined || stringsField(issue, 'marketplaceIds').includes(marketplaceId);
    });
  const offers = asArray(item['offers'])
    .map(asObject)
    .filter((offer) => offer?.['marketplaceId'] === marketplaceId);
  const b2c = offers.find((offer) => offer?.['offerType'] === 'B2C') ?? offers[0];
  const price = asObject(b2c?.['price']);
  const availability = asArray(item['fulfillmentAvailability']).map(asObject);
  const channel =
    availability.find((entry) => entry?.['fulfillmentChannelCode'] === 'DEFAULT') ??
    availability[0];
  const severityCount = (severity: string): number =>
    issues.filter((issue) => issue['severity'] === severity).length;
  const lineageColumns = lineageValues(lineage);
  const row: ParquetRecord = {
    sku: item.sku,
    asin,
    is_deleted: false,
    product_type: stringField(summary, 'productType'),
    condition_type: stringField(summary, 'conditionType'),
    status_json: JSON.stringify(status),
    is_buyable: status.includes('BUYABLE'),
    is_discoverable: status.includes('DISCOVERABLE'),
    item_name: stringField(summary, 'itemName'),
    fn_sku: stringField(summary, 'fnSku'),
    created_date: instantField(summary, 'createdDate'),
    last_updated_date: instantField(summary, 'lastUpdatedDate'),
    main_image_url: stringField(asObject(summary['mainImage']), 'link'),
    price_amount: decimalField(price, 'amount', LISTINGS_PRICE_SCALE),
    price_currency: stringField(price, 'currencyCode'),
    fulfillment_channel_code: stringField(channel, 'fulfillmentChannelCode'),
    quantity: integerField(channel, 'quantity'),
    issue_error_count: severityCount('ERROR'),
    issue_warning_count: severityCount('WARNING'),
    issue_info_count: severityCount('INFO'),
    attributes_json: jsonText(attributesFor(item['attributes'], marketplaceId)),
    offers_json: item['offers'] === undefined ? null : JSON.stringify(offers),
    fulfillment_availability_json: jsonText(item['fulfillmentAvailability']),
    procurement_json: jsonText(item['procurement']),
    ...lineageColumns,
  };
  return {
    item: row,
    issues: issues.map((issue, position) => issueRow(item.sku, asin, position, issue, lineage)),
  };
}

function issueRow(
  sku: string,
  asin: string | null,
  position: number,
  issue: JsonObject,
  lineage: RowLineage,
): ParquetRecord {
  const enforcements = asObject(issue['enforcements']);
  const actions = asArray(enforcements?.['actions'])
    .map((action) => stringField(asObject(action), 'action'))
    .filter((action): action is string => action !== null);
  const exemption = asObject(enforcements?.['exemption']);
  return {
    sku,
    asin,
    issue_position: position,
    code: stringField(issue, 'code'),
    message: stringField(issue, 'message'),
    severity: stringField(issue, 'severity'),
    categories_json: jsonText(issue['categories']),
    attribute_names_json: jsonText(issue['attributeNames']),
    enforcement_actions_json: enforcements === undefined ? null : JSON.stringify(actions),
    enforcement_exemption_status: stringField(exemption, 'status'),
    enforcement_exemption_expiry: instantField(exemption, 'expiryDate'),
    ...lineageValues(lineage),
  };
}

/**
 * The tombstone of a listing that no longer exists in a marketplace (getListingsItem 404, or a
 * DELETED status notification): it supersedes the listing's earlier rows.
 */
export function deletedListingRow(
  sku: string,
  asin: string | undefined,
  lineage: RowLineage,
): ParquetRecord {
  return {
    sku,
    asin: asin ?? null,
    is_deleted: true,
    status_json: '[]',
    is_buyable: false,
    is_discoverable: false,
    issue_error_count: 0,
    issue_warning_count: 0,
    issue_info_count: 0,
    ...lineageValues(lineage),
  };
}
