import { resolveBaseUrl, spApiEndpoints } from './endpoints';

describe('resolveBaseUrl', () => {
  it('picks the production or sandbox host of a region', () => {
    expect(resolveBaseUrl({ region: 'EU' })).toBe('https://sellingpartnerapi-eu.amazon.com');
    expect(resolveBaseUrl({ region: 'FE', sandbox: true })).toBe(
      'https://sandbox.sellingpartnerapi-fe.amazon.com',
    );
    expect(spApiEndpoints.NA.awsRegion).toBe('us-east-1');
  });

  it('prefers an explicit base URL, without its trailing slash', () => {
    expect(resolveBaseUrl({ baseUrl: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
  });
});
