import { createSpApiClient } from './client';
import { SpApiConfigurationError, SpApiResponseValidationError } from './errors';
import { RateLimiterRegistry } from './rate-limiter-registry';
import { type ClientFixture, SELLER_ID, startClientFixture } from './test/client-fixture';
import { ManualClock } from './test/manual-clock';
import { RecordingTokenProvider } from './test/recording-token-provider';

const USER_AGENT =
  /^spapi-lake-test\/0\.1\.0 \(Language=TypeScript\/\d+\.\d+; Platform=Node\/\d+\.\d+\.\d+\)$/;
const report = {
  reportId: 'ID323',
  reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
  createdTime: '2024-03-11T20:11:24.000Z',
  processingStatus: 'DONE',
  reportDocumentId: 'DOC-1',
  marketplaceIds: ['ATVPDKIKX0DER'],
};

describe('createSpApiClient operations', () => {
  let fixture: ClientFixture;
  beforeEach(async () => {
    fixture = await startClientFixture();
  });
  afterEach(() => fixture.server.close());

  it('createReport POSTs the specification as JSON with the documented headers', async () => {
    fixture.server.reply({ status: 202, json: { reportId: 'ID323' } });
    const specification = {
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      marketplaceIds: ['A1PA6795UKMFR9', 'ATVPDKIKX0DER'],
      dataStartTime: '2024-03-10T20:11:24.000Z',
      reportOptions: { custom: 'true' },
    };

    await expect(fixture.client.reports.createReport(specification)).resolves.toEqual({
      reportId: 'ID323',
    });

    const [request] = fixture.server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/reports/2021-06-30/reports');
    expect(JSON.parse(request?.body ?? '')).toEqual(specification);
    expect(request?.headers).toMatchObject({
      'x-amz-access-token': 'Atza|partner|1',
      'x-amz-date': '20190430T123600Z',
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(request?.headers['user-agent']).toMatch(USER_AGENT);
    expect(fixture.tokens.requests).toEqual([{ grant: { kind: 'partner' }, forceRefresh: false }]);
  });

  it('getReports sends array filters as CSV and no content-type without a body', async () => {
    fixture.server.reply({ status: 200, json: { reports: [report], nextToken: 'n1' } });
    const page = await fixture.client.reports.getReports({
      reportTypes: ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 'GET_MERCHANT_LISTINGS_ALL_DATA'],
      processingStatuses: ['DONE', 'FATAL'],
      marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
      pageSize: 100,
    });
    expect(page.reports[0]?.processingStatus).toBe('DONE');
    expect(page.nextToken).toBe('n1');
    const [request] = fixture.server.requests;
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe(
      '/reports/2021-06-30/reports?reportTypes=GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2,GET_MERCHANT_LISTINGS_ALL_DATA&processingStatuses=DONE,FATAL&marketplaceIds=ATVPDKIKX0DER,A2EUQ1WTGCTBG2&pageSize=100',
    );
    expect(request?.headers['content-type']).toBeUndefined();
  });

  it('getReport validates the report and keeps fields the model does not know yet', async () => {
    fixture.server.reply({ status: 200, json: { ...report, futureField: 1 } });
    const result = await fixture.client.reports.getReport('ID323');
    expect(result).toMatchObject({ reportId: 'ID323', reportDocumentId: 'DOC-1', futureField: 1 });
    expect(fixture.server.requests[0]?.url).toBe('/reports/2021-06-30/reports/ID323');
  });

  it('rejects a report whose processing status is not in the model', async () => {
    fixture.server.reply({
      status: 200,
      headers: { 'x-amzn-RequestId': 'req-bad' },
      json: { ...report, processingStatus: 'DONE_NO_DATA' },
    });
    const error = await fixture.client.reports.getReport('ID323').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiResponseValidationError);
    expect(error).toMatchObject({ requestId: 'req-bad', operationId: 'getReport', status: 200 });
    expect((error as SpApiResponseValidationError).issues[0]).toMatch(/^processingStatus: /);
  });

  it('cancelReport and cancelReportSchedule DELETE and resolve with nothing', async () => {
    fixture.server.reply({ status: 200 }, { status: 200 });
    await expect(fixture.client.reports.cancelReport('ID1')).resolves.toBeUndefined();
    await expect(fixture.client.reports.cancelReportSchedule('S1')).resolves.toBeUndefined();
    expect(fixture.server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'DELETE /reports/2021-06-30/reports/ID1',
      'DELETE /reports/2021-06-30/schedules/S1',
    ]);
  });

  it('covers the schedule operations', async () => {
    const schedule = {
      reportScheduleId: 'S1',
      reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
      marketplaceIds: ['ATVPDKIKX0DER'],
      period: 'P1D',
    };
    fixture.server.reply(
      { status: 201, json: { reportScheduleId: 'S1' } },
      { status: 200, json: { reportSchedules: [schedule] } },
      { status: 200, json: schedule },
    );
    const { reports } = fixture.client;
    await expect(
      reports.createReportSchedule({
        reportType: schedule.reportType,
        marketplaceIds: schedule.marketplaceIds,
        period: 'P1D',
      }),
    ).resolves.toEqual({ reportScheduleId: 'S1' });
    await expect(
      reports.getReportSchedules({ reportTypes: [schedule.reportType] }),
    ).resolves.toEqual({ reportSchedules: [schedule] });
    await expect(reports.getReportSchedule('S1')).resolves.toEqual(schedule);
    expect(fixture.server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /reports/2021-06-30/schedules',
      'GET /reports/2021-06-30/schedules?reportTypes=GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
      'GET /reports/2021-06-30/schedules/S1',
    ]);
  });

  it('getReportDocument sends a restricted data token instead of the partner token', async () => {
    const document = {
      reportDocumentId: 'DOC-1',
      url: 'https://s3/doc?X-Amz-Signature=s',
      compressionAlgorithm: 'GZIP',
    };
    fixture.server.reply({ status: 200, json: document });
    await expect(
      fixture.client.reports.getReportDocument('DOC-1', {
        accessToken: 'Atz.sprdt|restricted',
        enableContentEncodingUrlHeader: true,
      }),
    ).resolves.toEqual(document);
    const [request] = fixture.server.requests;
    expect(request?.url).toBe(
      '/reports/2021-06-30/documents/DOC-1?enableContentEncodingUrlHeader=true',
    );
    expect(request?.headers['x-amz-access-token']).toBe('Atz.sprdt|restricted');
    expect(fixture.tokens.requests).toEqual([]);
  });

  it('getListingsItem percent-encodes the SKU and sends CSV query values', async () => {
    fixture.server.reply({ status: 200, json: { sku: 'AB/12 x', summaries: [] } });
    const item = await fixture.client.listingsItems.getListingsItem(SELLER_ID, 'AB/12 x', {
      marketplaceIds: ['ATVPDKIKX0DER'],
      includedData: ['summaries', 'issues', 'offers'],
      issueLocale: 'en_US',
    });
    expect(item.sku).toBe('AB/12 x');
    expect(fixture.server.requests[0]?.url).toBe(
      `/listings/2021-08-01/items/${SELLER_ID}/AB%2F12%20x?marketplaceIds=ATVPDKIKX0DER&includedData=summaries,issues,offers&issueLocale=en_US`,
    );
  });

  it('searchListingsItems and the Catalog Items operations hit their model paths', async () => {
    fixture.server.reply(
      { status: 200, json: { numberOfResults: 1, items: [{ sku: 'S1' }] } },
      { status: 200, json: { numberOfResults: 1, items: [{ asin: 'B000000001' }] } },
      { status: 200, json: { asin: 'B000000001', summaries: [] } },
    );
    await fixture.client.listingsItems.searchListingsItems(SELLER_ID, {
      marketplaceIds: ['ATVPDKIKX0DER'],
      withStatus: ['BUYABLE'],
      pageSize: 20,
    });
    const search = await fixture.client.catalogItems.searchCatalogItems({
      marketplaceIds: ['ATVPDKIKX0DER'],
      identifiers: ['B000000001', 'B000000002'],
      identifiersType: 'ASIN',
      includedData: ['summaries', 'salesRanks'],
    });
    expect(search.items[0]?.asin).toBe('B000000001');
    await fixture.client.catalogItems.getCatalogItem('B000000001', {
      marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
    });
    expect(fixture.server.requests.map((r) => r.url)).toEqual([
      `/listings/2021-08-01/items/${SELLER_ID}?marketplaceIds=ATVPDKIKX0DER&withStatus=BUYABLE&pageSize=20`,
      '/catalog/2022-04-01/items?marketplaceIds=ATVPDKIKX0DER&identifiers=B000000001,B000000002&identifiersType=ASIN&includedData=summaries,salesRanks',
      '/catalog/2022-04-01/items/B000000001?marketplaceIds=ATVPDKIKX0DER,A2EUQ1WTGCTBG2',
    ]);
  });

  it('uses grantless tokens for destination operations and unwraps the payload', async () => {
    const destination = {
      destinationId: 'dest-1',
      name: 'reports',
      resource: { sqs: { arn: 'arn:aws:sqs:us-east-1:123456789012:q' } },
    };
    fixture.server.reply({ status: 200, json: { payload: destination } });
    const created = await fixture.client.notifications.createDestination({
      name: 'reports',
      resourceSpecification: { sqs: { arn: destination.resource.sqs.arn } },
    });
    expect(created).toEqual(destination);
    const [request] = fixture.server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/notifications/v1/destinations');
    expect(request?.headers['x-amz-access-token']).toBe('Atza|sellingpartnerapi::notifications|1');
    expect(fixture.tokens.requests).toEqual([
      {
        grant: { kind: 'grantless', scope: 'sellingpartnerapi::notifications' },
        forceRefresh: false,
      },
    ]);
  });

  it('uses the partner token for subscriptions and the grantless one for subscriptions by id', async () => {
    const subscription = {
      subscriptionId: 'sub-1',
      payloadVersion: '2020-09-04',
      destinationId: 'dest-1',
    };
    fixture.server.reply(
      { status: 200, json: { payload: subscription } },
      { status: 200, json: { payload: subscription } },
      { status: 200, json: {} },
      { status: 200, json: { payload: { subscriptions: [subscription], nextToken: 'n' } } },
    );
    const { notifications } = fixture.client;
    await expect(
      notifications.createSubscription('REPORT_PROCESSING_FINISHED', {
        payloadVersion: '2020-09-04',
        destinationId: 'dest-1',
      }),
    ).resolves.toEqual(subscription);
    await expect(
      notifications.getSubscriptionById('REPORT_PROCESSING_FINISHED', 'sub-1'),
    ).resolves.toEqual(subscription);
    await notifications.deleteSubscriptionById('REPORT_PROCESSING_FINISHED', 'sub-1');
    await expect(
      notifications.getSubscriptions({ notificationTypes: ['REPORT_PROCESSING_FINISHED'] }),
    ).resolves.toEqual({ subscriptions: [subscription], nextToken: 'n' });

    expect(fixture.server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /notifications/v1/subscriptions/REPORT_PROCESSING_FINISHED',
      'GET /notifications/v1/subscriptions/REPORT_PROCESSING_FINISHED/sub-1',
      'DELETE /notifications/v1/subscriptions/REPORT_PROCESSING_FINISHED/sub-1',
      'GET /notifications/v1/subscriptions?notificationTypes=REPORT_PROCESSING_FINISHED',
    ]);
    expect(fixture.tokens.requests.map((r) => r.grant.kind)).toEqual([
      'partner',
      'grantless',
      'grantless',
      'partner',
    ]);
  });

  it('rotateApplicationClientSecret POSTs no body with the rotation scope and accepts 204', async () => {
    fixture.server.reply({ status: 204 });
    await expect(
      fixture.client.applicationManagement.rotateApplicationClientSecret(),
    ).resolves.toBeUndefined();
    const [request] = fixture.server.requests;
    expect(`${request?.method} ${request?.url}`).toBe('POST /applications/2023-11-30/clientSecret');
    expect(request?.body).toBe('');
    expect(request?.headers['content-type']).toBeUndefined();
    expect(fixture.tokens.requests[0]?.grant).toEqual({
      kind: 'grantless',
      scope: 'sellingpartnerapi::client_credential:rotation',
    });
  });

  it('getMarketplaceParticipations unwraps the Sellers payload', async () => {
    const participation = {
      marketplace: {
        id: 'ATVPDKIKX0DER',
        name: 'Amazon.com',
        countryCode: 'US',
        defaultCurrencyCode: 'USD',
        defaultLanguageCode: 'en_US',
        domainName: 'www.amazon.com',
      },
      participation: { isParticipating: true, hasSuspendedListings: false },
      storeName: 'Store',
    };
    fixture.server.reply({ status: 200, json: { payload: [participation] } });
    await expect(fixture.client.sellers.getMarketplaceParticipations()).resolves.toEqual([
      participation,
    ]);
    expect(fixture.server.requests[0]?.url).toBe('/sellers/v1/marketplaceParticipations');
  });

  it('createRestrictedDataToken POSTs the restricted resources', async () => {
    fixture.server.reply({
      status: 200,
      json: { restrictedDataToken: 'Atz.sprdt|x', expiresIn: 3600 },
    });
    const request = {
      restrictedResources: [
        { method: 'GET' as const, path: '/reports/2021-06-30/documents/DOC-1' },
      ],
    };
    await expect(fixture.client.tokens.createRestrictedDataToken(request)).resolves.toEqual({
      restrictedDataToken: 'Atz.sprdt|x',
      expiresIn: 3600,
    });
    const [sent] = fixture.server.requests;
    expect(`${sent?.method} ${sent?.url}`).toBe('POST /tokens/2021-03-01/restrictedDataToken');
    expect(JSON.parse(sent?.body ?? '')).toEqual(request);
  });

  it('refuses partner operations on a client without a selling partner, before any request', async () => {
    const applicationClient = fixture.clientWith({ sellingPartnerId: undefined });
    await expect(applicationClient.reports.getReport('ID1')).rejects.toThrow(
      SpApiConfigurationError,
    );
    fixture.server.reply({ status: 200, json: { payload: [] } });
    await expect(applicationClient.notifications.getDestinations()).resolves.toEqual([]);
    expect(fixture.server.requests).toHaveLength(1);
  });
});

describe('createSpApiClient endpoints', () => {
  it('sends calls to the regional production or sandbox host', async () => {
    const urls: string[] = [];
    const clock = new ManualClock();
    const recordingFetch: typeof fetch = async (input) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ reportId: 'R' }), { status: 202 });
    };
    const common = {
      sellingPartnerId: SELLER_ID,
      tokenProvider: new RecordingTokenProvider(),
      limiters: new RateLimiterRegistry({ clock }),
      clock,
      fetch: recordingFetch,
      userAgent: { appName: 'spapi-lake-test', appVersion: '0.1.0' },
    };
    const body = {
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      marketplaceIds: ['A1PA6795UKMFR9'],
    };
    await createSpApiClient({ ...common, region: 'EU' }).reports.createReport(body);
    await createSpApiClient({ ...common, region: 'FE', sandbox: true }).reports.createReport(body);
    expect(urls).toEqual([
      'https://sellingpartnerapi-eu.amazon.com/reports/2021-06-30/reports',
      'https://sandbox.sellingpartnerapi-fe.amazon.com/reports/2021-06-30/reports',
    ]);
  });
});
