import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ClientSecretPromotionConflictError, withAuthorizedAccount } from '@spapi-lake/auth';
import { InMemoryUsedStateStore } from './in-memory-used-state-store';
import { LocalFileAccountRegistry } from './local-file-account-registry';
import { LocalFileSecretStore } from './local-file-secret-store';

describe('local file stores', () => {
  let dir: string;
  const clock = { now: () => Date.parse('2026-11-01T00:00:00Z'), sleep: async () => undefined };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'auth-local-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps secrets in one owner-only file with current, pending and previous client secrets', async () => {
    const file = path.join(dir, 'secrets.json');
    const store = new LocalFileSecretStore(file, { clock });
    await store.seed({
      clientId: 'client',
      clientSecret: 'secret-one',
      stateSigningKey: 'k'.repeat(40),
    });
    await store.seed({ clientId: 'other', clientSecret: 'ignored', stateSigningKey: 'ignored' });
    expect(await store.getClientCredentials()).toEqual({
      clientId: 'client',
      clientSecret: 'secret-one',
      issuedAt: clock.now(),
      versionId: 'v1',
    });
    expect(await store.getStateSigningKey()).toBe('k'.repeat(40));
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const pending = { clientId: 'client', clientSecret: 'secret-two', issuedAt: clock.now() };
    const version = await store.stageClientSecret(pending, 'n-1');
    expect(await store.stageClientSecret(pending, 'n-1')).toBe(version);
    expect((await store.getClientCredentials()).clientSecret).toBe('secret-one');
    // Only over the version it was told it replaces: another promotion made meanwhile wins.
    const other = await store.stageClientSecret(
      { ...pending, clientSecret: 'secret-three' },
      'n-2',
    );
    await store.promoteClientSecret(other, 'v1');
    await expect(store.promoteClientSecret(version, 'v1')).rejects.toBeInstanceOf(
      ClientSecretPromotionConflictError,
    );
    expect((await store.getClientCredentials()).clientSecret).toBe('secret-three');
    await store.promoteClientSecret(version, other);
    expect((await store.getClientCredentials()).clientSecret).toBe('secret-two');
    const document = JSON.parse(await readFile(file, 'utf8'));
    expect(document.clientCredentials).toMatchObject({
      current: version,
      previous: other,
      pending: null,
    });
  });

  it('stores refresh tokens per partner and region', async () => {
    const store = new LocalFileSecretStore(path.join(dir, 'secrets.json'), { clock });
    const partner = { sellingPartnerId: 'A1', region: 'EU' as const };
    expect(await store.getRefreshToken(partner)).toBeUndefined();
    expect(await store.putRefreshToken(partner, { refreshToken: 'Atzr|a', authorizedAt: 5 })).toBe(
      'local/refresh-tokens/A1/EU',
    );
    expect(await store.getRefreshToken(partner)).toEqual({
      refreshToken: 'Atzr|a',
      authorizedAt: 5,
    });
    expect(await store.getRefreshToken({ ...partner, region: 'NA' })).toBeUndefined();
  });

  it('updates the accounts file, validated, one change at a time', async () => {
    const registry = new LocalFileAccountRegistry(path.join(dir, 'accounts.json'));
    const authorized = (id: string) => ({
      sellingPartnerId: id,
      accountType: 'seller' as const,
      region: 'NA' as const,
      marketplaceIds: ['ATVPDKIKX0DER' as const],
      marketplacesChosen: true,
      refreshTokenSecretRef: `local/refresh-tokens/${id}/NA`,
      authorizedAt: '2026-11-01T00:00:00.000Z',
    });
    await Promise.all(
      ['A1', 'A2', 'A3'].map((id) =>
        registry.update((a) => withAuthorizedAccount(a, authorized(id))),
      ),
    );
    expect((await registry.list()).map((a) => a.sellingPartnerId)).toEqual(['A1', 'A2', 'A3']);
    await expect(
      registry.update((a) => [...a, { ...authorized('A4'), region: 'XX' as 'NA' }]),
    ).rejects.toThrow('Invalid');
  });

  it('accepts each state once in memory', async () => {
    const used = new InMemoryUsedStateStore(clock);
    expect(await used.claim('s', clock.now() + 1000)).toBe(true);
    expect(await used.claim('s', clock.now() + 1000)).toBe(false);
  });
});
