import type { ListingRecord } from './listing-record';

/** Datasets `includedData` can ask for in the Listings Items API. */
export const LISTING_DATASETS = [
  'summaries',
  'attributes',
  'issues',
  'offers',
  'fulfillmentAvailability',
  'procurement',
  'relationships',
  'productTypes',
] as const;
export type ListingDataset = (typeof LISTING_DATASETS)[number];

/** The Listings Items API `Item` of one SKU from its records in the requested marketplaces. */
export function listingsItemView(
  records: readonly ListingRecord[],
  datasets: ReadonlySet<ListingDataset>,
): Record<string, unknown> {
  const first = records[0];
  if (first === undefined) throw new RangeError('listingsItemView needs at least one record');
  const item: Record<string, unknown> = { sku: first.sku };
  const include = (dataset: ListingDataset): boolean => datasets.has(dataset);
  if (include('summaries')) item['summaries'] = records.map(summaryOf);
  if (include('attributes')) item['attributes'] = attributesOf(records);
  if (include('issues')) {
    item['issues'] = records.flatMap((record) =>
      record.issues.map((issue) => ({ ...issue, marketplaceIds: [record.marketplaceId] })),
    );
  }
  if (include('offers')) {
    item['offers'] = records.flatMap((record) =>
      record.price === undefined
        ? []
        : [{ marketplaceId: record.marketplaceId, offerType: 'B2C', price: record.price }],
    );
  }
  if (include('fulfillmentAvailability')) {
    // One entry per channel, like SP-API (the model carries no marketplace here).
    const channels = new Map<string, number>();
    for (const record of records) {
      if (record.price === undefined) continue;
      channels.set(record.fulfillmentChannelCode, record.quantity);
    }
    item['fulfillmentAvailability'] = [...channels].map(([fulfillmentChannelCode, quantity]) => ({
      fulfillmentChannelCode,
      quantity,
    }));
  }
  if (include('procurement')) {
    item['procurement'] = records.flatMap((record) =>
      record.costPrice === undefined ? [] : [{ costPrice: record.costPrice }],
    );
  }
  if (include('relationships')) {
    item['relationships'] = records.map((record) => ({
      marketplaceId: record.marketplaceId,
      relationships: [],
    }));
  }
  if (include('productTypes')) {
    item['productTypes'] = records.map((record) => ({
      marketplaceId: record.marketplaceId,
      productType: record.productType,
    }));
  }
  return item;
}

function summaryOf(record: ListingRecord): Record<string, unknown> {
  return {
    marketplaceId: record.marketplaceId,
    asin: record.asin,
    productType: record.productType,
    conditionType: record.conditionType,
    status: [...record.status],
    ...(record.fnSku === undefined ? {} : { fnSku: record.fnSku }),
    itemName: record.itemName,
    createdDate: record.createdDate,
    lastUpdatedDate: record.lastUpdatedDate,
    ...(record.mainImage === undefined ? {} : { mainImage: record.mainImage }),
  };
}

function attributesOf(records: readonly ListingRecord[]): Record<string, unknown[]> {
  const attributes: Record<string, unknown[]> = {};
  const add = (name: string, value: unknown): void => {
    attributes[name] = [...(attributes[name] ?? []), value];
  };
  for (const record of records) {
    const marketplace_id = record.marketplaceId;
    add('condition_type', { value: record.conditionType, marketplace_id });
    add('item_name', { value: record.itemName, marketplace_id });
    add('merchant_suggested_asin', { value: record.asin, marketplace_id });
    if (record.price !== undefined) {
      add('purchasable_offer', {
        currency: record.price.currencyCode,
        our_price: [{ schedule: [{ value_with_tax: Number(record.price.amount) }] }],
        marketplace_id,
      });
      add('fulfillment_availability', {
        fulfillment_channel_code: record.fulfillmentChannelCode,
        quantity: record.quantity,
        marketplace_id,
      });
    }
  }
  return attributes;
}
