import {
  SpApiAccessDeniedError,
  SpApiInvalidInputError,
  SpApiNetworkError,
  SpApiNotFoundError,
  SpApiQuotaExceededError,
  SpApiServerError,
} from './errors';
import { type ClientFixture, SELLER_ID, startClientFixture } from './test/client-fixture';

const report = {
  reportId: 'R1',
  reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
  createdTime: '2024-03-11T20:11:24.000Z',
  processingStatus: 'IN_PROGRESS',
};
const quotaExceeded = {
  status: 429,
  headers: { 'x-amzn-RequestId': 'req-429' },
  json: {
    errors: [
      { code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' },
    ],
  },
};
const expiredToken = {
  status: 403,
  headers: { 'x-amzn-RequestId': 'req-403' },
  json: {
    errors: [
      {
        code: 'Unauthorized',
        message: 'Access to requested resource is denied.',
        details: 'The access token you provided has expired.',
      },
    ],
  },
};
const createBody = {
  reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
  marketplaceIds: ['ATVPDKIKX0DER'],
};

describe('operation calls: retries, tokens and errors', () => {
  let fixture: ClientFixture;
  beforeEach(async () => {
    fixture = await startClientFixture();
  });
  afterEach(() => fixture.server.close());

  it('retries a 429 no sooner than one token refill of the operation, then succeeds', async () => {
    fixture.server.reply(quotaExceeded, { status: 202, json: { reportId: 'R1' } });
    await expect(fixture.client.reports.createReport(createBody)).resolves.toEqual({
      reportId: 'R1',
    });
    expect(fixture.server.requests).toHaveLength(2);
    // createReport refills 0.0167 tokens/s: 1000 / 0.0167 = 59 881 ms, well above the jitter.
    expect(fixture.clock.sleeps).toEqual([59_881]);
  });

  it('retries 500 and 503 with jittered exponential backoff, bounded by maxAttempts', async () => {
    const failure = {
      status: 503,
      headers: { 'x-amzn-RequestId': 'req-503' },
      json: { errors: [] },
    };
    fixture.server.reply({ status: 500, json: { errors: [] } }, failure, failure, failure);
    const error = await fixture.client.reports.getReport('R1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiServerError);
    expect(error).toMatchObject({ status: 503, requestId: 'req-503', retryable: true });
    expect(fixture.server.requests).toHaveLength(3);
    // random 0.5 x ceilings 1000 and 2000 ms
    expect(fixture.clock.sleeps).toEqual([500, 1000]);
  });

  it('retries createReport (a POST) after a 429, never after a 5xx or a reset: Amazon may have made it', async () => {
    fixture.server.reply({ status: 503, json: { errors: [] } }, 'reset');
    await expect(fixture.client.reports.createReport(createBody)).rejects.toBeInstanceOf(
      SpApiServerError,
    );
    await expect(fixture.client.reports.createReport(createBody)).rejects.toMatchObject({
      name: 'SpApiNetworkError',
      retryable: true,
    });
    expect(fixture.server.requests).toHaveLength(2);
    expect(fixture.clock.sleeps).toEqual([]);
  });

  it('never retries other 4xx answers', async () => {
    fixture.server.reply(
      { status: 400, json: { errors: [{ code: 'InvalidInput', message: 'Bad reportType' }] } },
      { status: 404, json: { errors: [{ code: 'NotFound', message: 'No report' }] } },
      {
        status: 403,
        json: {
          errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }],
        },
      },
    );
    await expect(fixture.client.reports.createReport(createBody)).rejects.toBeInstanceOf(
      SpApiInvalidInputError,
    );
    await expect(fixture.client.reports.getReport('R9')).rejects.toBeInstanceOf(SpApiNotFoundError);
    await expect(fixture.client.reports.getReport('R9')).rejects.toBeInstanceOf(
      SpApiAccessDeniedError,
    );
    expect(fixture.server.requests).toHaveLength(3);
    expect(fixture.clock.sleeps).toEqual([]);
    expect(fixture.tokens.requests.every((r) => !r.forceRefresh)).toBe(true);
  });

  it('refreshes an expired token once and retries with the new one', async () => {
    fixture.server.reply(expiredToken, { status: 200, json: report });
    await expect(fixture.client.reports.getReport('R1')).resolves.toMatchObject({ reportId: 'R1' });
    expect(fixture.tokens.requests).toEqual([
      { grant: { kind: 'partner' }, forceRefresh: false },
      // The refused token goes along, so a provider that replaced it already serves the new one.
      { grant: { kind: 'partner' }, forceRefresh: true, rejectedToken: 'Atza|partner|1' },
    ]);
    expect(fixture.server.requests.map((r) => r.headers['x-amz-access-token'])).toEqual([
      'Atza|partner|1',
      'Atza|partner|2',
    ]);
  });

  it('refreshes at most twice per call (a token revoked again while the call waited)', async () => {
    fixture.server.reply(expiredToken, expiredToken, expiredToken);
    const error = await fixture.client.reports.getReport('R1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiAccessDeniedError);
    expect(error).toMatchObject({ requestId: 'req-403', code: 'Unauthorized' });
    expect(fixture.server.requests).toHaveLength(3);
    expect(fixture.tokens.requests.filter((r) => r.forceRefresh)).toHaveLength(2);
  });

  it('does not refresh a caller-supplied restricted data token', async () => {
    fixture.server.reply(expiredToken);
    await expect(
      fixture.client.reports.getReportDocument('DOC-1', { accessToken: 'Atz.sprdt|old' }),
    ).rejects.toBeInstanceOf(SpApiAccessDeniedError);
    expect(fixture.server.requests).toHaveLength(1);
    expect(fixture.tokens.requests).toEqual([]);
  });

  it('gives up on an answer that never comes after requestTimeoutMs, and retries a GET', async () => {
    const client = fixture.clientWith({ requestTimeoutMs: 100 });
    fixture.server.reply('hang', { status: 200, json: report });
    await expect(client.reports.getReport('R1')).resolves.toMatchObject({ reportId: 'R1' });
    fixture.server.reply('hang');
    await expect(client.reports.createReport(createBody)).rejects.toMatchObject({
      name: 'SpApiNetworkError',
    });
    expect(fixture.server.requests).toHaveLength(3);
  });

  it('retries a connection reset', async () => {
    fixture.server.reply('reset', { status: 200, json: report });
    await expect(fixture.client.reports.getReport('R1')).resolves.toMatchObject({ reportId: 'R1' });
    expect(fixture.server.requests).toHaveLength(2);
    expect(fixture.clock.sleeps).toEqual([500]);
  });

  it('gives up on repeated resets with a retryable network error', async () => {
    fixture.server.reply('reset', 'reset', 'reset');
    const error = await fixture.client.reports.getReport('R1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiNetworkError);
    expect(error).toMatchObject({ retryable: true, operationId: 'getReport' });
    expect(fixture.server.requests).toHaveLength(3);
  });

  it('keeps requestId, status and the error list of the bare error shape', async () => {
    fixture.server.reply({
      status: 404,
      headers: { 'x-amzn-RequestId': 'req-404' },
      json: { errors: [{ code: 'NotFound', message: 'Report R9 not found', details: 'R9' }] },
    });
    const error = await fixture.client.reports.getReport('R9').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiNotFoundError);
    expect(error).toMatchObject({
      name: 'SpApiNotFoundError',
      status: 404,
      requestId: 'req-404',
      operationId: 'getReport',
      retryable: false,
      errors: [{ code: 'NotFound', message: 'Report R9 not found', details: 'R9' }],
    });
    expect((error as Error).message).toContain('req-404');
  });

  it('keeps requestId and the error list of the payload/errors wrapper shape', async () => {
    fixture.server.reply({
      status: 400,
      headers: { 'x-amzn-RequestId': 'req-400' },
      json: {
        payload: null,
        errors: [{ code: 'InvalidInput', message: 'Request has missing or invalid parameters' }],
      },
    });
    const error = await fixture.client.notifications
      .createDestination({
        name: 'q',
        resourceSpecification: { sqs: { arn: 'arn:aws:sqs:x:1:q' } },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiInvalidInputError);
    expect(error).toMatchObject({
      requestId: 'req-400',
      code: 'InvalidInput',
      errors: [{ code: 'InvalidInput', message: 'Request has missing or invalid parameters' }],
    });
  });

  it('maps a non-JSON gateway error to a retryable server error', async () => {
    fixture.server.reply(
      { status: 502, text: '<html>Bad Gateway</html>' },
      { status: 200, json: report },
    );
    await expect(fixture.client.reports.getReport('R1')).resolves.toMatchObject({ reportId: 'R1' });
  });

  it('never puts access tokens into error messages', async () => {
    fixture.server.reply(
      expiredToken,
      expiredToken,
      expiredToken,
      quotaExceeded,
      quotaExceeded,
      quotaExceeded,
    );
    const errors = [
      await fixture.client.reports.getReport('R1').catch((e: unknown) => e),
      await fixture.client.reports.createReport(createBody).catch((e: unknown) => e),
    ];
    expect(errors[1]).toBeInstanceOf(SpApiQuotaExceededError);
    for (const error of errors) {
      expect(String(error)).not.toContain('Atza|');
      expect(JSON.stringify(error)).not.toContain('Atza|');
      expect((error as Error).stack).not.toContain('Atza|');
    }
  });

  it('adopts the x-amzn-RateLimit-Limit rate for the partner and operation', async () => {
    fixture.server.reply({
      status: 200,
      headers: { 'x-amzn-RateLimit-Limit': '0.5' },
      json: report,
    });
    await fixture.client.reports.getReport('R1');
    const limiter = fixture.limiters.limiterFor({
      applicationId: 'amzn1.application-oa2-client.test',
      sellingPartnerId: SELLER_ID,
      baseUrl: fixture.server.baseUrl,
      operationId: 'getReport',
    });
    expect(limiter.rate).toBe(0.5);
  });

  it('paces clients of the same partner together and other partners apart', async () => {
    const items = { numberOfResults: 0, items: [] };
    fixture.server.reply(...Array.from({ length: 6 }, () => ({ status: 200, json: items })));
    const query = { marketplaceIds: ['ATVPDKIKX0DER'] };
    const sameSeller = fixture.clientWith({});
    const otherSeller = fixture.clientWith({ sellingPartnerId: 'A9OTHER' });

    await fixture.client.catalogItems.searchCatalogItems(query);
    await sameSeller.catalogItems.searchCatalogItems(query); // burst 2 used up
    await otherSeller.catalogItems.searchCatalogItems(query);
    await otherSeller.catalogItems.searchCatalogItems(query);
    expect(fixture.clock.sleeps).toEqual([]);

    await sameSeller.catalogItems.searchCatalogItems(query);
    expect(fixture.clock.sleeps).toEqual([500]);
  });

  it('paces grantless operations per application, whatever partner the client serves', async () => {
    fixture.server.reply(
      ...Array.from({ length: 6 }, () => ({ status: 200, json: { payload: [] } })),
    );
    const otherSeller = fixture.clientWith({ sellingPartnerId: 'A9OTHER' });
    for (let i = 0; i < 5; i += 1) {
      await (i % 2 === 0 ? fixture.client : otherSeller).notifications.getDestinations();
    }
    expect(fixture.clock.sleeps).toEqual([]);
    await otherSeller.notifications.getDestinations(); // burst 5 of getDestinations is spent
    expect(fixture.clock.sleeps).toEqual([1000]);
  });
});
