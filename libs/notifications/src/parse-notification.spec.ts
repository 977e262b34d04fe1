import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NotificationMalformedError, UnsupportedNotificationTypeError } from './errors';
import { parseNotification } from './parse-notification';

// The official schemas' own examples are real message shapes; the parser must accept every one.
function officialExample(file: string): Record<string, unknown> {
  const schemaPath = path.resolve(__dirname, '../../../models/spapi', file);
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as {
    examples: Record<string, unknown>[];
  };
  const [example] = schema.examples;
  if (!example) throw new Error(`${file} has no example`);
  return example;
}

function eventBridge(detail: Record<string, unknown>, type: string): string {
  return JSON.stringify({
    version: '0',
    id: 'c0a1ad5b-5d0b-4f5a-8f4a-0d3b2a1a0001',
    'detail-type': type,
    source: 'aws.partner/sellingpartnerapi.amazon.com/123456789012/amzn1.sp.solution.x',
    account: '123456789012',
    time: '2026-11-03T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
  });
}

describe('parseNotification', () => {
  it('reads REPORT_PROCESSING_FINISHED straight from SQS (camelCase)', () => {
    const example = officialExample('notification-schema_REPORT_PROCESSING_FINISHED.json');
    const notification = parseNotification(JSON.stringify(example));
    expect(notification).toMatchObject({
      type: 'REPORT_PROCESSING_FINISHED',
      metadata: { transport: 'sqs', payloadVersion: '2020-09-04' },
      payload: {
        reportId: '54517018502',
        processingStatus: 'CANCELLED',
        sellerId: 'A3TH9S8BH6GOGM',
      },
    });
    expect(notification.metadata.notificationId).toEqual(expect.any(String));
  });

  it('accepts vendor reports without a seller id', () => {
    const example = officialExample('notification-schema_REPORT_PROCESSING_FINISHED.json');
    const payload = {
      reportProcessingFinishedNotification: {
        accountId: 'amzn1.vg.6213651',
        sellerId: null,
        reportId: '1',
        reportType: 'GET_VENDOR_SALES_REPORT',
        processingStatus: 'DONE',
        reportDocumentId: 'doc-1',
      },
    };
    const notification = parseNotification(JSON.stringify({ ...example, payload }));
    expect(notification.payload).toEqual({
      accountId: 'amzn1.vg.6213651',
      sellerId: undefined,
      reportId: '1',
      reportType: 'GET_VENDOR_SALES_REPORT',
      processingStatus: 'DONE',
      reportDocumentId: 'doc-1',
    });
  });

  it('unwraps EventBridge events and normalises PascalCase listings notifications', () => {
    const status = officialExample('notification-schema_LISTINGS_ITEM_STATUS_CHANGE.json');
    expect(parseNotification(eventBridge(status, 'LISTINGS_ITEM_STATUS_CHANGE'))).toMatchObject({
      type: 'LISTINGS_ITEM_STATUS_CHANGE',
      metadata: { transport: 'eventbridge' },
      payload: {
        sellerId: 'A3AYAZLIQ7AX77',
        sku: 'NLS-SHOES-03',
        status: ['BUYABLE', 'DISCOVERABLE'],
      },
    });
    const issues = officialExample(
      'notification-schema_LISTINGS_ITEM_ISSUES_CHANGE_v2023-12-13.json',
    );
    expect(parseNotification(eventBridge(issues, 'LISTINGS_ITEM_ISSUES_CHANGE'))).toMatchObject({
      type: 'LISTINGS_ITEM_ISSUES_CHANGE',
      payload: {
        severities: ['ERROR', 'WARNING'],
        enforcementActions: expect.arrayContaining(['SEARCH_SUPPRESSED']),
      },
    });
  });

  it('tolerates the schema typo LISTINGS_ITEM_STATUS_CHANGED', () => {
    const status = officialExample('notification-schema_LISTINGS_ITEM_STATUS_CHANGE.json');
    const typo = { ...status, NotificationType: 'LISTINGS_ITEM_STATUS_CHANGED' };
    expect(parseNotification(eventBridge(typo, 'LISTINGS_ITEM_STATUS_CHANGED')).type).toBe(
      'LISTINGS_ITEM_STATUS_CHANGE',
    );
  });

  it('rejects bodies that are not notifications, naming what is wrong', () => {
    expect(() => parseNotification('not json')).toThrow(NotificationMalformedError);
    const example = officialExample('notification-schema_REPORT_PROCESSING_FINISHED.json');
    const broken = {
      ...example,
      payload: { reportProcessingFinishedNotification: { reportId: '1' } },
    };
    expect(() => parseNotification(JSON.stringify(broken))).toThrow(
      /payload\.reportProcessingFinishedNotification\.accountId/,
    );
  });

  it('never echoes a client secret when a secret notification is malformed', () => {
    const secret = 'amzn1.oa2-cs.v1.super-secret-value';
    const message = {
      notificationVersion: '1.0',
      notificationType: 'APPLICATION_OAUTH_CLIENT_NEW_SECRET',
      payloadVersion: '2023-11-30',
      eventTime: '2026-11-03T10:00:00Z',
      payload: { applicationOAuthClientNewSecret: { clientId: 7, newClientSecret: secret } },
      notificationMetadata: {
        applicationId: 'a',
        subscriptionId: 's',
        publishTime: 'p',
        notificationId: 'n',
      },
    };
    let error: unknown;
    try {
      parseNotification(JSON.stringify(message));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(NotificationMalformedError);
    expect(String(error)).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it('reports types the pipeline does not consume', () => {
    const example = officialExample('notification-schema_REPORT_PROCESSING_FINISHED.json');
    expect(() =>
      parseNotification(JSON.stringify({ ...example, notificationType: 'ORDER_CHANGE' })),
    ).toThrow(UnsupportedNotificationTypeError);
  });
});
