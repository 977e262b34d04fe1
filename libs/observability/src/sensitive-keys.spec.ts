import { hasAuthCodeContext, isSensitiveKey } from './sensitive-keys';

describe('isSensitiveKey', () => {
  it.each([
    'access_token',
    'accessToken',
    'refresh_token',
    'RefreshToken',
    'client_secret',
    'clientSecret',
    'newClientSecret',
    'x-amz-access-token',
    'X-Amz-Access-Token',
    'Authorization',
    'restrictedDataToken',
    'spapi_oauth_code',
    'mws_auth_token',
    'password',
    'dbPassword',
    'secret',
    'webhookSecret',
    'token',
    'sessionToken',
    'taskToken',
    'X-Amz-Signature',
  ])('redacts %s', (key) => {
    expect(isSensitiveKey(key)).toBe(true);
  });

  it.each([
    'message',
    'reportId',
    'sellingPartnerId',
    'refreshTokenSecretRef',
    'secretArn',
    'token_type',
    'expires_in',
    'clientSecretExpiryTime',
    'nextToken',
    'NextContinuationToken',
    'code',
  ])('keeps %s', (key) => {
    expect(isSensitiveKey(key)).toBe(false);
  });

  it('redacts a bare code only in an OAuth context', () => {
    expect(isSensitiveKey('code', { authCodeContext: true })).toBe(true);
    expect(hasAuthCodeContext(['grant_type', 'code', 'client_id'])).toBe(true);
    expect(hasAuthCodeContext(['redirectUri', 'code'])).toBe(true);
    expect(hasAuthCodeContext(['code', 'message', 'details'])).toBe(false);
  });
});
