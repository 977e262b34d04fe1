import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { NotificationMalformedError, UnsupportedNotificationTypeError } from './errors';
import { parseNotification } from './parse-notification';

// The official schemas' own examples are real message shapes; the parser must accept every one.
const MODELS_DIR = path.resolve(__dirname, '../../../models/spapi');

function officialExample(file: string): Record<string, unknown> {
  const schemaPath = path.join(MODELS_DIR, file);
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

  it('takes a null optional field of a listings payload as absent', () => {
    const status = officialExample('notification-schema_LISTINGS_ITEM_STATUS_CHANGE.json');
    const nulls = { MarketplaceId: null, Asin: null, CreatedDate: null };
    const parsed = parseNotification(
      eventBridge(
        { ...status, Payload: { ...(status['Payload'] as object), ...nulls } },
        'LISTINGS_ITEM_STATUS_CHANGE',
      ),
    ).payload;
    expect(parsed).toEqual({
      sellerId: 'A3AYAZLIQ7AX77',
      sku: 'NLS-SHOES-03',
      status: ['BUYABLE', 'DISCOVERABLE'],
      marketplaceId: undefined,
      asin: undefined,
      createdDate: undefined,
    });
    const issues = officialExample(
      'notification-schema_LISTINGS_ITEM_ISSUES_CHANGE_v2023-12-13.json',
    );
    expect(
      parseNotification(
        eventBridge(
          {
            ...issues,
            Payload: {
              ...(issues['Payload'] as object),
              MarketplaceId: null,
              Asin: null,
              EnforcementActions: null,
            },
          },
          'LISTINGS_ITEM_ISSUES_CHANGE',
        ),
      ).payload,
    ).toMatchObject({ severities: ['ERROR', 'WARNING'] });
  });

  it('keeps listing statuses and issue severities Amazon may add, rather than refusing them', () => {
    const status = officialExample('notification-schema_LISTINGS_ITEM_STATUS_CHANGE.json');
    const newStatus = {
      ...status,
      Payload: { ...(status['Payload'] as object), Status: ['BUYABLE', 'SUSPENDED'] },
    };
    expect(
      parseNotification(eventBridge(newStatus, 'LISTINGS_ITEM_STATUS_CHANGE')).payload,
    ).toMatchObject({ status: ['BUYABLE', 'SUSPENDED'] });
    const issues = officialExample(
      'notification-schema_LISTINGS_ITEM_ISSUES_CHANGE_v2023-12-13.json',
    );
    const newSeverity = {
      ...issues,
      Payload: { ...(issues['Payload'] as object), Severities: ['CRITICAL'] },
    };
    expect(
      parseNotification(eventBridge(newSeverity, 'LISTINGS_ITEM_ISSUES_CHANGE')).payload,
    ).toMatchObject({ severities: ['CRITICAL'] });
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
        publishTime: '2026-11-03T10:00:01Z',
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

  it('accepts the date-times of every official example, consumed types or not', () => {
    const files = readdirSync(MODELS_DIR).filter((f) => f.startsWith('notification-schema_'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const { examples } = JSON.parse(readFileSync(path.join(MODELS_DIR, file), 'utf8')) as {
        examples: Record<string, unknown>[];
      };
      for (const example of examples) {
        let error: unknown;
        try {
          parseNotification(JSON.stringify(example));
        } catch (caught) {
          error = caught;
        }
        // The envelope (and its times) validated; only the type may be one we do not consume.
        expect([file, error]).toEqual([
          file,
          error === undefined ? undefined : expect.any(UnsupportedNotificationTypeError),
        ]);
      }
    }
  });

  it.each([
    '2026-11-03T10:00:00Z',
    '2026-11-03T10:00:00.123Z',
    '2026-11-03T10:00:00.123456789Z',
    '2026-11-03T11:00:00+01:00',
    '2026-11-03T05:00:00.5-05:00',
  ])('accepts the ISO 8601 date-time %s (offsets, fractional seconds)', (time) => {
    const report = officialExample('notification-schema_REPORT_PROCESSING_FINISHED.json');
    const status = officialExample('notification-schema_LISTINGS_ITEM_STATUS_CHANGE.json');
    const camel = parseNotification(
      JSON.stringify({
        ...report,
        eventTime: time,
        notificationMetadata: { ...(report['notificationMetadata'] as object), publishTime: time },
      }),
    );
    expect(camel.metadata).toMatchObject({ eventTime: time, publishTime: time });
    const pascal = parseNotification(
      eventBridge(
        {
          ...status,
          EventTime: time,
          Payload: { ...(status['Payload'] as object), CreatedDate: time },
          NotificationMetadata: {
            ...(status['NotificationMetadata'] as object),
            PublishTime: time,
          },
        },
        'LISTINGS_ITEM_STATUS_CHANGE',
      ),
    );
    expect(pascal).toMatchObject({
      metadata: { eventTime: time, publishTime: time },
      payload: { createdDate: time },
    });
  });

  const BAD_TIMES = [
    'yesterday',
    '2026-11-03',
    '2026-11-03T10:00:00',
    '03/11/2026 10:00:00',
    '2026-13-03T10:00:00Z',
  ];
  const timeFields: [string, (time: string) => string][] = [
    [
      'notification.eventTime',
      (time) =>
        JSON.stringify({
          ...officialExample('notification-schema_REPORT_PROCESSING_FINISHED.json'),
          eventTime: time,
        }),
    ],
    [
      'notification.notificationMetadata.publishTime',
      (time) => {
        const report = officialExample('notification-schema_REPORT_PROCESSING_FINISHED.json');
        return JSON.stringify({
          ...report,
          notificationMetadata: {
            ...(report['notificationMetadata'] as object),
            publishTime: time,
          },
        });
      },
    ],
    [
      'notification.EventTime',
      (time) => {
        const status = officialExample('notification-schema_LISTINGS_ITEM_STATUS_CHANGE.json');
        return eventBridge({ ...status, EventTime: time }, 'LISTINGS_ITEM_STATUS_CHANGE');
      },
    ],
    [
      'notification.NotificationMetadata.PublishTime',
      (time) => {
        const status = officialExample('notification-schema_LISTINGS_ITEM_STATUS_CHANGE.json');
        const metadata = { ...(status['NotificationMetadata'] as object), PublishTime: time };
        return eventBridge(
          { ...status, NotificationMetadata: metadata },
          'LISTINGS_ITEM_STATUS_CHANGE',
        );
      },
    ],
    [
      'Payload.CreatedDate',
      (time) => {
        const status = officialExample('notification-schema_LISTINGS_ITEM_STATUS_CHANGE.json');
        const payload = { ...(status['Payload'] as object), CreatedDate: time };
        return eventBridge({ ...status, Payload: payload }, 'LISTINGS_ITEM_STATUS_CHANGE');
      },
    ],
  ];

  it.each(timeFields)(
    'rejects a %s that is not an ISO 8601 date-time, naming it without echoing the value',
    (field, bodyWith) => {
      for (const time of BAD_TIMES) {
        let error: unknown;
        try {
          parseNotification(bodyWith(time));
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(NotificationMalformedError);
        const message = (error as Error).message;
        expect(message).toBe(`${field}: Invalid ISO datetime`);
        expect(message).not.toContain(time);
      }
    },
  );

  it('reports types the pipeline does not consume', () => {
    const example = officialExample('notification-schema_REPORT_PROCESSING_FINISHED.json');
    expect(() =>
      parseNotification(JSON.stringify({ ...example, notificationType: 'ORDER_CHANGE' })),
    ).toThrow(UnsupportedNotificationTypeError);
  });
});
