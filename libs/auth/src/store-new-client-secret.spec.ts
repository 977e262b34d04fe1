import {
  ClientCredentialsRejectedError,
  ClientSecretNotificationRejectedError,
  ClientSecretPromotionConflictError,
  ClientSecretProofFailedError,
} from './errors';
import { handleClientSecretExpiry } from './handle-client-secret-expiry';
import { rotateClientSecret } from './rotate-client-secret';
import { type NewClientSecretNotification, storeNewClientSecret } from './store-new-client-secret';
import {
  CLIENT,
  CountingRotator,
  InMemorySecretStore,
  ManualClock,
  RecordingMetrics,
  ScriptedTokenExchange,
  tokenAt,
} from './test/fakes';

const NEW_SECRET = 'amzn1.oa2-cs.v1.the-new-secret-value';
const NOTIFICATION: NewClientSecretNotification = {
  notificationId: 'n-1',
  eventTime: '2026-11-02T00:00:00.000Z',
  payload: {
    clientId: CLIENT.clientId,
    newClientSecret: NEW_SECRET,
    newClientSecretExpiryTime: '2027-05-01T00:00:00.000Z',
    oldClientSecretExpiryTime: '2026-11-09T00:00:00.000Z',
  },
};

const LATER_SECRET = 'amzn1.oa2-cs.v1.the-later-secret';
const LATER: NewClientSecretNotification = {
  notificationId: 'n-2',
  eventTime: '2026-11-03T00:00:00.000Z',
  payload: { ...NOTIFICATION.payload, newClientSecret: LATER_SECRET },
};

/** Runs `meanwhile` (another handler) just before `versionId` is first promoted. */
function beforeFirstPromotionOf(
  secretStore: InMemorySecretStore,
  versionId: string,
  meanwhile: () => Promise<void>,
): void {
  const promote = secretStore.promoteClientSecret.bind(secretStore);
  let done = false;
  secretStore.promoteClientSecret = async (promoted, replacing) => {
    if (!done && promoted === versionId) {
      done = true;
      await meanwhile();
    }
    return promote(promoted, replacing);
  };
}

function setup() {
  const clock = new ManualClock();
  const secretStore = new InMemorySecretStore({
    ...CLIENT,
    issuedAt: Date.parse('2026-06-01T00:00:00Z'),
  });
  const tokenExchange = new ScriptedTokenExchange();
  tokenExchange.grantless = async (credentials) => {
    if (credentials.clientSecret !== NEW_SECRET) throw new Error('unexpected secret');
    return tokenAt(clock.now());
  };
  const metrics = new RecordingMetrics();
  return {
    deps: { secretStore, tokenExchange, metrics, clock },
    clock,
    secretStore,
    tokenExchange,
    metrics,
  };
}

describe('storeNewClientSecret', () => {
  it('stages the new secret, proves it with a grantless token call, then makes it current', async () => {
    const { deps, secretStore, tokenExchange, metrics } = setup();
    await expect(storeNewClientSecret(deps, NOTIFICATION)).resolves.toEqual({
      outcome: 'rotated',
      expiresAt: '2027-05-01T00:00:00.000Z',
      previousSecretExpiresAt: '2026-11-09T00:00:00.000Z',
    });
    expect(tokenExchange.calls).toEqual([
      {
        method: 'grantless',
        credentials: { clientId: CLIENT.clientId, clientSecret: NEW_SECRET },
        subject: 'sellingpartnerapi::client_credential:rotation',
      },
    ]);
    expect(await secretStore.getClientCredentials()).toEqual({
      clientId: CLIENT.clientId,
      clientSecret: NEW_SECRET,
      issuedAt: Date.parse('2026-11-02T00:00:00Z'),
      expiresAt: Date.parse('2027-05-01T00:00:00Z'),
      previousSecretExpiresAt: Date.parse('2026-11-09T00:00:00Z'),
      versionId: 'v2',
    });
    expect(secretStore.previous).toBe('v1');
    expect(metrics.total('ClientSecretRotated')).toBe(1);
  });

  it('treats a repeated delivery as done', async () => {
    const { deps, tokenExchange } = setup();
    await storeNewClientSecret(deps, NOTIFICATION);
    await expect(storeNewClientSecret(deps, NOTIFICATION)).resolves.toEqual({
      outcome: 'already-current',
    });
    expect(tokenExchange.count('grantless')).toBe(1);
  });

  it('keeps the current secret when LWA refuses the new one', async () => {
    const { deps, secretStore, tokenExchange } = setup();
    tokenExchange.grantless = async () => {
      throw new ClientCredentialsRejectedError('invalid_client');
    };
    const error = await storeNewClientSecret(deps, NOTIFICATION).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientSecretProofFailedError);
    expect(error).toMatchObject({ retryable: true });
    expect((error as Error).message).not.toContain(NEW_SECRET);
    expect((await secretStore.getClientCredentials()).clientSecret).toBe(CLIENT.clientSecret);
    expect(secretStore.versions.size).toBe(2);
  });

  it('never makes a secret current again once a later rotation replaced it', async () => {
    const { deps, secretStore, tokenExchange } = setup();
    const later: NewClientSecretNotification = {
      notificationId: 'n-2',
      eventTime: '2026-11-03T00:00:00.000Z',
      payload: { ...NOTIFICATION.payload, newClientSecret: 'amzn1.oa2-cs.v1.the-later-secret' },
    };
    tokenExchange.grantless = async () => tokenAt(deps.clock.now());
    await storeNewClientSecret(deps, later);
    // The earlier rotation's notification arrives late (or again after a failed proof): its secret
    // would still pass the proof for 7 days, then stop working.
    await expect(storeNewClientSecret(deps, NOTIFICATION)).resolves.toEqual({
      outcome: 'superseded',
    });
    expect((await secretStore.getClientCredentials()).clientSecret).toBe(
      'amzn1.oa2-cs.v1.the-later-secret',
    );
    expect(tokenExchange.count('grantless')).toBe(1);
  });

  it('does not promote a secret a later rotation replaced while it was being proved', async () => {
    const { deps, secretStore, tokenExchange } = setup();
    tokenExchange.grantless = async () => {
      // The queue's other handler stores a later rotation's secret meanwhile.
      const id = await secretStore.stageClientSecret(
        {
          ...CLIENT,
          clientSecret: 'amzn1.oa2-cs.v1.the-later-secret',
          issuedAt: Date.parse('2026-11-03T00:00:00Z'),
        },
        'n-2',
      );
      await secretStore.promoteClientSecret(id, 'v1');
      return tokenAt(deps.clock.now());
    };
    await expect(storeNewClientSecret(deps, NOTIFICATION)).resolves.toEqual({
      outcome: 'superseded',
    });
    expect((await secretStore.getClientCredentials()).clientSecret).toBe(
      'amzn1.oa2-cs.v1.the-later-secret',
    );
  });

  it('does not promote over a later secret promoted between its last look and its promotion', async () => {
    const { deps, secretStore, tokenExchange } = setup();
    tokenExchange.grantless = async () => tokenAt(deps.clock.now());
    // Both handlers have looked at the current secret (v1); the later one promotes first.
    beforeFirstPromotionOf(secretStore, 'v2', async () => {
      await expect(storeNewClientSecret(deps, LATER)).resolves.toMatchObject({
        outcome: 'rotated',
      });
    });
    await expect(storeNewClientSecret(deps, NOTIFICATION)).resolves.toEqual({
      outcome: 'superseded',
    });
    expect((await secretStore.getClientCredentials()).clientSecret).toBe(LATER_SECRET);
  });

  it('lets an earlier secret promoted meanwhile give way to a later one on the next delivery', async () => {
    const { deps, secretStore, tokenExchange } = setup();
    tokenExchange.grantless = async () => tokenAt(deps.clock.now());
    beforeFirstPromotionOf(secretStore, 'v2', async () => {
      await storeNewClientSecret(deps, NOTIFICATION);
    });
    // The earlier secret became current under the later one's feet: the later one is retried.
    await expect(storeNewClientSecret(deps, LATER)).rejects.toBeInstanceOf(
      ClientSecretPromotionConflictError,
    );
    expect((await secretStore.getClientCredentials()).clientSecret).toBe(NEW_SECRET);
    await expect(storeNewClientSecret(deps, LATER)).resolves.toMatchObject({ outcome: 'rotated' });
    expect((await secretStore.getClientCredentials()).clientSecret).toBe(LATER_SECRET);
  });

  it('refuses a notification for another client id', async () => {
    const { deps, secretStore } = setup();
    const foreign = { ...NOTIFICATION, payload: { ...NOTIFICATION.payload, clientId: 'other' } };
    await expect(storeNewClientSecret(deps, foreign)).rejects.toBeInstanceOf(
      ClientSecretNotificationRejectedError,
    );
    expect(secretStore.versions.size).toBe(1);
  });
});

describe('rotation requests', () => {
  it('rotates on request and counts it', async () => {
    const rotator = new CountingRotator();
    const metrics = new RecordingMetrics();
    await rotateClientSecret({ rotator, metrics });
    expect(rotator.calls).toBe(1);
    expect(metrics.total('ClientSecretRotationRequested')).toBe(1);
  });

  it('rotates on an expiry warning unless the stored secret is newer than the warning', async () => {
    const { secretStore, clock, metrics } = setup();
    const rotator = new CountingRotator();
    const deps = { secretStore, rotator, metrics, clock };
    const warning = {
      notificationId: 'e-1',
      publishTime: '2026-10-31T00:00:00.000Z',
      payload: {
        clientId: CLIENT.clientId,
        clientSecretExpiryTime: '2026-11-29T00:00:00.000Z',
        clientSecretExpiryReason: 'PERIODIC_ROTATION',
      },
    };
    await expect(handleClientSecretExpiry(deps, warning)).resolves.toEqual({
      outcome: 'rotation-requested',
      expiresAt: '2026-11-29T00:00:00.000Z',
      daysLeft: 28,
    });
    expect(rotator.calls).toBe(1);
    const stale = { ...warning, publishTime: '2026-05-01T00:00:00.000Z' };
    await expect(handleClientSecretExpiry(deps, stale)).resolves.toMatchObject({
      outcome: 'already-rotated',
    });
    expect(rotator.calls).toBe(1);
    await expect(
      handleClientSecretExpiry(deps, {
        ...warning,
        payload: { ...warning.payload, clientId: 'x' },
      }),
    ).rejects.toBeInstanceOf(ClientSecretNotificationRejectedError);
  });
});
