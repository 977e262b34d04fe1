import { checkCredentialExpiry } from './check-credential-expiry';
import {
  CLIENT,
  InMemoryAccountRegistry,
  InMemorySecretStore,
  ManualClock,
  RecordingMetrics,
} from './test/fakes';

const DAY = 86_400_000;

function account(sellingPartnerId: string, status?: 'disabled') {
  return {
    sellingPartnerId,
    accountType: 'seller' as const,
    region: 'NA' as const,
    marketplaceIds: ['ATVPDKIKX0DER' as const],
    refreshTokenSecretRef: `refresh-tokens/${sellingPartnerId}/NA`,
    ...(status ? { status } : {}),
  };
}

describe('checkCredentialExpiry', () => {
  it('warns from 330 days for refresh tokens and from 170 days for the client secret', async () => {
    const clock = new ManualClock(Date.parse('2026-11-01T00:00:00Z'));
    const now = clock.now();
    const secretStore = new InMemorySecretStore({ ...CLIENT, issuedAt: now - 175 * DAY });
    const at = (days: number) => ({ refreshToken: `Atzr|${days}`, authorizedAt: now - days * DAY });
    secretStore.refreshTokens.set('A1FRESH@NA', at(10));
    secretStore.refreshTokens.set('A1SOON@NA', at(330));
    secretStore.refreshTokens.set('A1LATE@NA', at(400));
    secretStore.refreshTokens.set('A1OFF@NA', at(500));
    const accountRegistry = new InMemoryAccountRegistry([
      account('A1FRESH'),
      account('A1SOON'),
      account('A1LATE'),
      account('A1GONE'),
      account('A1OFF', 'disabled'),
    ]);
    const metrics = new RecordingMetrics();

    const report = await checkCredentialExpiry({ accountRegistry, secretStore, clock, metrics });

    expect(report.clientSecret).toEqual({
      status: 'warning',
      ageDays: 175,
      issuedAt: new Date(now - 175 * DAY).toISOString(),
      rotationDueAt: new Date(now + 5 * DAY).toISOString(),
    });
    expect(report.refreshTokens.map((t) => [t.sellingPartnerId, t.status])).toEqual([
      ['A1FRESH', 'ok'],
      ['A1SOON', 'warning'],
      ['A1LATE', 'overdue'],
      ['A1GONE', 'missing'],
    ]);
    expect(report.refreshTokens[1]).toMatchObject({
      ageDays: 330,
      reauthorizationDueAt: new Date(now + 35 * DAY).toISOString(),
    });
    expect(report.warnings).toHaveLength(4);
    expect(report.warnings.join('\n')).not.toMatch(/Atzr|amzn1\.oa2-cs/);
    expect(metrics.points).toEqual(
      expect.arrayContaining([
        { name: 'ClientSecretAgeDays', value: 175, unit: 'Days' },
        { name: 'ClientSecretRotationDue', value: 1, unit: 'Count' },
        { name: 'RefreshTokenMaxAgeDays', value: 400, unit: 'Days' },
        { name: 'RefreshTokensDueForReauthorization', value: 2, unit: 'Count' },
        { name: 'RefreshTokensMissing', value: 1, unit: 'Count' },
      ]),
    );
  });

  it('reports nothing due for young credentials', async () => {
    const clock = new ManualClock();
    const secretStore = new InMemorySecretStore({
      ...CLIENT,
      issuedAt: clock.now() - 169 * 86_400_000,
    });
    const report = await checkCredentialExpiry({
      accountRegistry: new InMemoryAccountRegistry(),
      secretStore,
      clock,
      metrics: new RecordingMetrics(),
    });
    expect(report.clientSecret.status).toBe('ok');
    expect(report.warnings).toEqual([]);
  });
});
