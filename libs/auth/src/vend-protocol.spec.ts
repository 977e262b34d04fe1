import { TypedError } from '@spapi-lake/core';
import { VendRequestInvalidError } from './errors';
import { parseVendRequest, toVendFailure } from './vend-protocol';

class SampleError extends TypedError {
  override readonly name = 'SampleError';
  readonly retryable = false;
}

describe('vend protocol', () => {
  it('accepts partner and grantless requests', () => {
    expect(
      parseVendRequest({
        action: 'vend',
        grant: { kind: 'partner', sellingPartnerId: 'A1', region: 'FE' },
        forceRefresh: true,
      }),
    ).toEqual({
      action: 'vend',
      grant: { kind: 'partner', sellingPartnerId: 'A1', region: 'FE' },
      forceRefresh: true,
    });
    expect(
      parseVendRequest({
        action: 'vend',
        grant: { kind: 'grantless', scope: 'sellingpartnerapi::notifications' },
      }),
    ).toMatchObject({ grant: { kind: 'grantless' } });
  });

  it('refuses a rotation token: only the broker itself may rotate the client secret', () => {
    expect(() =>
      parseVendRequest({
        action: 'vend',
        grant: { kind: 'grantless', scope: 'sellingpartnerapi::client_credential:rotation' },
      }),
    ).toThrow(VendRequestInvalidError);
  });

  it('names bad paths without echoing values', () => {
    const attempt = () =>
      parseVendRequest({ action: 'vend', grant: { kind: 'grantless', scope: 'Atzr|leaked' } });
    expect(attempt).toThrow('grant.scope');
    expect(attempt).not.toThrow('leaked');
    expect(() =>
      parseVendRequest({ action: 'vend', grant: { kind: 'partner', region: 'XX' } }),
    ).toThrow('Invalid vend request');
  });

  it('keeps the message of our errors and hides foreign ones', () => {
    expect(toVendFailure(new SampleError('explained'))).toEqual({
      name: 'SampleError',
      message: 'explained',
      retryable: false,
    });
    expect(toVendFailure(new Error('body: {"refresh_token":"Atzr|x"}'))).toEqual({
      name: 'TokenBrokerInternalError',
      message: 'The token broker failed unexpectedly; see its logs',
      retryable: true,
    });
  });
});
