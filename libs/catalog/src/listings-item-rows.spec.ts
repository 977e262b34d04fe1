import { catalogDatasetColumns } from './catalog-datasets';
import { deletedListingRow, listingRows } from './listings-item-rows';
import { listingItem } from './test/fake-apis';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const lineage = {
  refreshId: 'n-1',
  trigger: 'notification',
  notificationIds: ['a', 'b'],
  fetchedAt: 1_700_000_000_000,
} as const;

describe('listingRows', () => {
  const issue = (severity: string, marketplaceIds?: string[]) => ({
    code: '90220',
    message: 'missing',
    severity,
    categories: ['MISSING_ATTRIBUTE'],
    ...(marketplaceIds === undefined ? {} : { marketplaceIds }),
    enforcements: {
      actions: [{ action: 'LISTING_SUPPRESSED' }],
      exemption: { status: 'EXEMPT_UNTIL_EXPIRY_DATE', expiryDate: '2027-01-01T00:00:00Z' },
    },
  });

  it('types the summary, the B2C offer of the marketplace and the channel quantity', () => {
    const rows = listingRows(listingItem('SKU-1', US, '2024-05-01T10:00:00Z'), US, lineage);
    expect(rows?.item).toMatchObject({
      sku: 'SKU-1',
      is_deleted: false,
      status_json: '["BUYABLE","DISCOVERABLE"]',
      is_buyable: true,
      is_discoverable: true,
      created_date: Date.parse('2024-05-01T10:00:00Z'),
      price_amount: '19.99',
      price_currency: 'USD',
      fulfillment_channel_code: 'DEFAULT',
      quantity: 7,
      main_image_url: 'https://img/main.jpg',
      _notification_ids: '["a","b"]',
    });
    expect(JSON.parse(String(rows?.item['offers_json']))).toHaveLength(1);
  });

  it('gives each marketplace the issues scoped to it, unscoped issues everywhere', () => {
    const item = {
      ...listingItem('SKU-1', US, '2024-05-01T10:00:00Z'),
      summaries: [
        { marketplaceId: US, status: [], createdDate: '2024-05-01T10:00:00Z' },
        { marketplaceId: CA, status: ['DISCOVERABLE'], createdDate: '2024-05-01T10:00:00Z' },
      ],
      issues: [issue('ERROR', [US]), issue('WARNING')],
    };
    const us = listingRows(item, US, lineage);
    const ca = listingRows(item, CA, lineage);
    expect(us?.issues.map((row) => row['severity'])).toEqual(['ERROR', 'WARNING']);
    expect(ca?.issues.map((row) => row['severity'])).toEqual(['WARNING']);
    expect(us?.item).toMatchObject({
      issue_error_count: 1,
      issue_warning_count: 1,
      is_buyable: false,
    });
    expect(us?.issues[0]).toMatchObject({
      issue_position: 0,
      enforcement_actions_json: '["LISTING_SUPPRESSED"]',
      enforcement_exemption_status: 'EXEMPT_UNTIL_EXPIRY_DATE',
      enforcement_exemption_expiry: Date.parse('2027-01-01T00:00:00Z'),
      categories_json: '["MISSING_ATTRIBUTE"]',
    });
    const issueColumns = catalogDatasetColumns('listings_issues').map((column) => column.name);
    expect(Object.keys(us?.issues[0] ?? {}).sort()).toEqual([...issueColumns].sort());
  });

  it('answers undefined for a marketplace the listing has no summary in', () => {
    expect(
      listingRows(listingItem('SKU-1', US, '2024-05-01T10:00:00Z'), CA, lineage),
    ).toBeUndefined();
  });

  it('drops a price with more fraction digits than the column holds', () => {
    const item = listingItem('SKU-1', US, '2024-05-01T10:00:00Z');
    const rows = listingRows(
      {
        ...item,
        offers: [
          {
            marketplaceId: US,
            offerType: 'B2C',
            price: { currencyCode: 'USD', amount: '1.23456' },
          },
        ],
      },
      US,
      lineage,
    );
    expect(rows?.item['price_amount']).toBeNull();
  });
});

describe('deletedListingRow', () => {
  it('is a tombstone with no status', () => {
    expect(deletedListingRow('SKU-9', 'B0X', lineage)).toMatchObject({
      sku: 'SKU-9',
      asin: 'B0X',
      is_deleted: true,
      status_json: '[]',
      is_buyable: false,
      _trigger: 'notification',
    });
  });
});
