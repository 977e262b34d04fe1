import { isMarketplaceId } from '@spapi-lake/config';
import { setRotationNotificationEnrollment } from '@spapi-lake/sp-api-simulator';
import type { SQSBatchResponse } from 'aws-lambda';
import { type BrokerHarness, startBrokerHarness } from './test/broker-harness';
import { loadEvent, sqsEvent } from './test/events';

const DAY = 86_400_000;
const GRANTLESS = {
  action: 'vend',
  grant: { kind: 'grantless', scope: 'sellingpartnerapi::notifications' },
  forceRefresh: true,
} as const;

describe('client secret rotation and expiry', () => {
  let harness: BrokerHarness;

  beforeEach(async () => {
    harness = await startBrokerHarness();
  });
  afterEach(() => harness.stop());

  const deliver = async (bodies: string[]) =>
    (await harness.handler(sqsEvent('new-secret-sqs.json', bodies))) as SQSBatchResponse;

  it('rotates end to end: request, notification, stored as new version, proven, old one kept until it expires', async () => {
    const { clientId, clientSecret: oldSecret } = harness.sim.credentials();

    expect(await harness.handler(loadEvent('rotate.json'))).toEqual({ ok: true, action: 'rotate' });
    expect(harness.sim.requests().map((r) => r.operationId)).toContain(
      'rotateApplicationClientSecret',
    );
    const bodies = harness.sim.queue.drain();
    expect(bodies).toHaveLength(1);
    const newSecret = harness.sim.credentials().clientSecret;
    expect(newSecret).not.toBe(oldSecret);

    const lwaBefore = harness.lwaRequests();
    expect(await deliver(bodies)).toEqual({ batchItemFailures: [] });
    expect(harness.lwaRequests()).toBe(lwaBefore + 1);
    const current = await harness.deps.secretStore.getClientCredentials();
    expect(current).toMatchObject({ clientId, clientSecret: newSecret });
    expect(current.expiresAt).toBe(harness.sim.clock.now() + 180 * DAY);
    expect(current.previousSecretExpiresAt).toBe(harness.sim.clock.now() + 7 * DAY);
    expect(harness.metrics.total('ClientSecretRotated')).toBe(1);

    // A repeated delivery changes nothing.
    expect(await deliver(bodies)).toEqual({ batchItemFailures: [] });
    expect(harness.metrics.total('ClientSecretRotated')).toBe(1);

    // Once the old secret has expired at LWA, vending keeps working on the new one.
    harness.sim.clock.advance(7 * DAY + 1);
    expect(await harness.handler(GRANTLESS)).toMatchObject({ ok: true });
  });

  it('keeps the current secret when the notified one does not work', async () => {
    const { clientId, clientSecret } = harness.sim.credentials();
    const notification = loadEvent<{ Records: { body: string }[] }>('new-secret-sqs.json');
    const body = JSON.parse(notification.Records[0]?.body ?? '{}');
    body.payload.applicationOAuthClientNewSecret.clientId = clientId;
    body.payload.applicationOAuthClientNewSecret.newClientSecret = 'amzn1.oa2-cs.v1.never-issued';
    const answer = await deliver([JSON.stringify(body)]);
    expect(answer.batchItemFailures).toHaveLength(1);
    expect((await harness.deps.secretStore.getClientCredentials()).clientSecret).toBe(clientSecret);
    expect(harness.output.join('')).toContain('ClientSecretProofFailedError');
  });

  it('reports foreign, malformed and failing records for redelivery and ignores other types', async () => {
    const foreign =
      loadEvent<{ Records: { body: string }[] }>('new-secret-sqs.json').Records[0]?.body ?? '';
    const report = JSON.stringify({
      notificationVersion: '2020-09-04',
      notificationType: 'REPORT_PROCESSING_FINISHED',
      payloadVersion: '2020-09-04',
      eventTime: '2026-11-01T00:00:00.000Z',
      payload: {
        reportProcessingFinishedNotification: {
          accountId: 'amzn1.merchant.o.A1',
          reportId: '1',
          reportType: 'GET_X',
          processingStatus: 'DONE',
        },
      },
      notificationMetadata: {
        applicationId: 'a',
        subscriptionId: 's',
        publishTime: '2026-11-01T00:00:00.000Z',
        notificationId: 'n',
      },
    });
    const answer = await deliver([foreign, 'not json', report]);
    expect(answer.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([
      expect.stringMatching(/-0$/),
      expect.stringMatching(/-1$/),
    ]);
    expect(harness.output.join('')).toContain('notification ignored');
  });

  it('rotates on an expiry warning, unless the secret was rotated since', async () => {
    const { clientId } = harness.sim.credentials();
    const warning = (publishTime: string) => {
      const body = JSON.parse(
        loadEvent<{ Records: { body: string }[] }>('secret-expiry-sqs.json').Records[0]?.body ??
          '{}',
      );
      body.payload.applicationOAuthClientSecretExpiry.clientId = clientId;
      body.notificationMetadata.publishTime = publishTime;
      return JSON.stringify(body);
    };
    const now = new Date(harness.sim.clock.now() + 1_000).toISOString();
    expect(await harness.handler(sqsEvent('secret-expiry-sqs.json', [warning(now)]))).toEqual({
      batchItemFailures: [],
    });
    expect(harness.sim.queue.drain()).toHaveLength(1);

    const stale = new Date(harness.sim.clock.now() - 30 * DAY).toISOString();
    await harness.handler(sqsEvent('secret-expiry-sqs.json', [warning(stale)]));
    expect(harness.sim.queue.drain()).toHaveLength(0);
    expect(harness.metrics.total('ClientSecretExpiryNotified')).toBe(2);
  });

  it('fails a scheduled rotation the application is not enrolled for, with Amazon’s reason', async () => {
    setRotationNotificationEnrollment(harness.sim.world, harness.sim.credentials().clientId, false);
    await expect(harness.handler(loadEvent('rotate.json'))).rejects.toThrow(
      /not enrolled for rotation notification/,
    );
    expect(harness.output.join('')).toContain('token broker invocation failed');
  });

  it('checks credential ages daily: metrics and warnings', async () => {
    const sellers = harness.sim.credentials().partners.slice(0, 2);
    for (const [index, partner] of sellers.entries()) {
      const region = partner.region;
      await harness.deps.secretStore.putRefreshToken(
        { sellingPartnerId: partner.sellingPartnerId, region },
        {
          refreshToken: partner.refreshToken,
          authorizedAt: harness.sim.clock.now() - (171 + index * 200) * DAY,
        },
      );
    }
    await harness.deps.accountRegistry.update(() =>
      sellers.map((p) => ({
        sellingPartnerId: p.sellingPartnerId,
        accountType: p.accountType,
        region: p.region,
        marketplaceIds: p.marketplaceIds.filter(isMarketplaceId),
        refreshTokenSecretRef: `local/refresh-tokens/${p.sellingPartnerId}/${p.region}`,
      })),
    );
    // A client secret issued 171 days ago (no clock jump: the simulator would generate months of reports).
    const { clientId, clientSecret } = harness.sim.credentials();
    const version = await harness.deps.secretStore.stageClientSecret(
      { clientId, clientSecret, issuedAt: harness.sim.clock.now() - 171 * DAY },
      'aged-secret',
    );
    const { versionId: current } = await harness.deps.secretStore.getClientCredentials();
    await harness.deps.secretStore.promoteClientSecret(version, current);

    const report = await harness.handler(loadEvent('check-expiry.json'));

    expect(report).toMatchObject({
      clientSecret: { status: 'warning', ageDays: 171 },
      refreshTokens: [
        { sellingPartnerId: sellers[0]?.sellingPartnerId, status: 'ok', ageDays: 171 },
        { sellingPartnerId: sellers[1]?.sellingPartnerId, status: 'overdue', ageDays: 371 },
      ],
    });
    expect(harness.metrics.points).toEqual(
      expect.arrayContaining([
        { name: 'ClientSecretAgeDays', value: 171, unit: 'Days' },
        { name: 'RefreshTokensDueForReauthorization', value: 1, unit: 'Count' },
      ]),
    );
    const logged = harness.output.join('');
    expect(logged).toContain('The LWA client secret is 171 days old');
    expect(logged).toContain(
      `The authorization of ${sellers[1]?.sellingPartnerId} (EU) is 371 days old`,
    );
  });
});
