import type { BrokerInvoker } from './broker-invoker';
import {
  BrokerInvocationError,
  ReauthorizationRequiredError,
  TokenBrokerError,
  TokenBrokerUnavailableError,
  VendRequestInvalidError,
} from './errors';
import { ManualClock } from './test/fakes';
import { TokenBrokerClient } from './token-broker-client';
import type { VendRequest } from './vend-protocol';

class ScriptedInvoker implements BrokerInvoker {
  readonly requests: VendRequest[] = [];
  answer: (request: VendRequest) => unknown = () => undefined;
  async invoke(request: VendRequest): Promise<unknown> {
    this.requests.push(request);
    await Promise.resolve();
    return this.answer(request);
  }
}

function setup() {
  const clock = new ManualClock();
  const invoker = new ScriptedInvoker();
  let minted = 0;
  invoker.answer = () => ({
    ok: true,
    accessToken: `Atza|t${++minted}`,
    expiresAt: clock.now() + 3_600_000,
  });
  const client = new TokenBrokerClient({ invoker, clock });
  const partner = client.forPartner({ sellingPartnerId: 'A1SELLER', region: 'EU' });
  return { clock, invoker, client, partner };
}

describe('TokenBrokerClient', () => {
  it('asks the broker once per key and caches until a minute before expiry', async () => {
    const { clock, invoker, partner } = setup();
    const tokens = await Promise.all([
      partner.getToken({ kind: 'partner' }),
      partner.getToken({ kind: 'partner' }),
    ]);
    expect(tokens).toEqual(['Atza|t1', 'Atza|t1']);
    clock.advance(3_540_000 - 1);
    expect(await partner.getToken({ kind: 'partner' })).toBe('Atza|t1');
    clock.advance(1);
    expect(await partner.getToken({ kind: 'partner' })).toBe('Atza|t2');
    expect(invoker.requests[0]).toEqual({
      action: 'vend',
      grant: { kind: 'partner', sellingPartnerId: 'A1SELLER', region: 'EU' },
    });
  });

  it('shares the cache between the grantless client and its partner clients', async () => {
    const { invoker, client, partner } = setup();
    const scope = 'sellingpartnerapi::notifications' as const;
    expect(await client.getToken({ kind: 'grantless', scope })).toBe('Atza|t1');
    expect(await partner.getToken({ kind: 'grantless', scope })).toBe('Atza|t1');
    expect(invoker.requests).toEqual([{ action: 'vend', grant: { kind: 'grantless', scope } }]);
    await expect(client.getToken({ kind: 'partner' })).rejects.toBeInstanceOf(
      VendRequestInvalidError,
    );
  });

  it('passes forceRefresh to the broker', async () => {
    const { invoker, partner } = setup();
    await partner.getToken({ kind: 'partner' });
    expect(await partner.getToken({ kind: 'partner' }, { forceRefresh: true })).toBe('Atza|t2');
    expect(invoker.requests[1]).toMatchObject({ forceRefresh: true });
  });

  it('turns broker failures into typed errors', async () => {
    const { invoker, partner } = setup();
    invoker.answer = () => ({
      ok: false,
      error: {
        name: 'ReauthorizationRequiredError',
        message: 'must re-authorize',
        retryable: false,
      },
    });
    await expect(partner.getToken({ kind: 'partner' })).rejects.toBeInstanceOf(
      ReauthorizationRequiredError,
    );
    invoker.answer = () => ({
      ok: false,
      error: { name: 'ClientCredentialsRejectedError', message: 'bad secret', retryable: false },
    });
    await expect(partner.getToken({ kind: 'partner' })).rejects.toEqual(
      new TokenBrokerError('ClientCredentialsRejectedError', 'bad secret', false),
    );
    invoker.answer = () => ({ errorMessage: 'Task timed out' });
    await expect(partner.getToken({ kind: 'partner' })).rejects.toBeInstanceOf(
      BrokerInvocationError,
    );
  });

  it('turns a throttled or failing LWA behind the broker into the retryable TokenBrokerUnavailableError', async () => {
    const { invoker, partner } = setup();
    invoker.answer = () => ({
      ok: false,
      error: {
        name: 'TokenExchangeUnavailableError',
        message: 'token exchange failed: LWA unavailable (HTTP 429)',
        retryable: true,
      },
    });
    const error = await partner.getToken({ kind: 'partner' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenBrokerUnavailableError);
    expect(error).toMatchObject({
      name: 'TokenBrokerUnavailableError',
      retryable: true,
      message: 'TokenExchangeUnavailableError: token exchange failed: LWA unavailable (HTTP 429)',
    });
  });

  it('keeps a revoked consent a permanent ReauthorizationRequiredError, never the retryable name', async () => {
    const { invoker, partner } = setup();
    invoker.answer = () => ({
      ok: false,
      error: { name: 'ReauthorizationRequiredError', message: 'invalid_grant', retryable: false },
    });
    const error = await partner.getToken({ kind: 'partner' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ReauthorizationRequiredError', retryable: false });
    expect(error).not.toBeInstanceOf(TokenBrokerUnavailableError);
  });
});
