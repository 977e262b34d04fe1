import { SkuRefreshMessageInvalidError } from './errors';
import { parseSkuRefreshMessage } from './sku-refresh-request';
import { listingsNotification } from './test/notifications';

const US = 'ATVPDKIKX0DER';

describe('parseSkuRefreshMessage', () => {
  it('reads an EventBridge-wrapped LISTINGS_ITEM_STATUS_CHANGE', () => {
    const body = listingsNotification('LISTINGS_ITEM_STATUS_CHANGE', {
      sellerId: 'A1B2C3D4E5F6G7',
      sku: 'SKU/1 blue',
      marketplaceId: US,
      asin: 'B000000001',
      notificationId: 'n-1',
      eventTime: '2026-11-01T01:00:00.000Z',
    });
    expect(parseSkuRefreshMessage(body)).toEqual({
      sellingPartnerId: 'A1B2C3D4E5F6G7',
      sku: 'SKU/1 blue',
      marketplaceId: US,
      asin: 'B000000001',
      reason: 'LISTINGS_ITEM_STATUS_CHANGE',
      notificationId: 'n-1',
      eventTime: '2026-11-01T01:00:00.000Z',
    });
  });

  it('reads an unwrapped LISTINGS_ITEM_ISSUES_CHANGE without marketplace', () => {
    const wrapped = JSON.parse(
      listingsNotification('LISTINGS_ITEM_ISSUES_CHANGE', {
        sellerId: 'A1B2C3D4E5F6G7',
        sku: 'SKU-2',
        notificationId: 'n-2',
        eventTime: '2026-11-01T01:00:00.000Z',
      }),
    ) as { detail: unknown };
    const request = parseSkuRefreshMessage(JSON.stringify(wrapped.detail));
    expect(request).toMatchObject({ sku: 'SKU-2', reason: 'LISTINGS_ITEM_ISSUES_CHANGE' });
    expect(request.marketplaceId).toBeUndefined();
  });

  it("reads the notification subscriber's refresh request", () => {
    const request = {
      sellingPartnerId: 'A1B2C3D4E5F6G7',
      region: 'NA',
      marketplaceId: US,
      sku: 'SKU-3',
      reason: 'LISTINGS_ITEM_ISSUES_CHANGE',
      notificationId: 'n-3',
      eventTime: '2026-11-01T01:00:00Z',
    };
    const { region: _region, ...expected } = request;
    expect(parseSkuRefreshMessage(JSON.stringify(request))).toEqual(expected);
  });

  it('refuses other notifications and malformed bodies as never retryable', () => {
    const report = JSON.stringify({
      notificationVersion: '2020-09-04',
      notificationType: 'REPORT_PROCESSING_FINISHED',
      payloadVersion: '2020-09-04',
      eventTime: '2026-11-01T00:00:00Z',
      payload: {
        reportProcessingFinishedNotification: {
          accountId: 'amzn1.merchant.o.A1',
          reportId: '1',
          reportType: 'X',
          processingStatus: 'DONE',
        },
      },
      notificationMetadata: {
        applicationId: 'a',
        subscriptionId: 's',
        publishTime: '2026-11-01T00:00:00Z',
        notificationId: 'n',
      },
    });
    for (const body of [report, 'not json', '{"sku":"x","reason":"OTHER"}', '{}']) {
      expect(() => parseSkuRefreshMessage(body)).toThrow(SkuRefreshMessageInvalidError);
    }
  });
});
