import { DEFAULT_ENDPOINTS, parseEndpointOverrides, resolveEndpoints } from './endpoints';

describe('endpoints', () => {
  it('defaults to Amazon production', () => {
    expect(resolveEndpoints()).toEqual(DEFAULT_ENDPOINTS);
    expect(resolveEndpoints().spApiBaseUrl.EU).toBe('https://sellingpartnerapi-eu.amazon.com');
    expect(resolveEndpoints().lwaBaseUrl).toBe('https://api.amazon.com');
  });

  it('applies per-region and LWA overrides, trimming trailing slashes', () => {
    const overrides = parseEndpointOverrides(
      '{"spApiBaseUrl":{"EU":"http://127.0.0.1:4010/"},"lwaBaseUrl":"http://127.0.0.1:4010/lwa"}',
    );
    expect(resolveEndpoints(overrides)).toEqual({
      spApiBaseUrl: { ...DEFAULT_ENDPOINTS.spApiBaseUrl, EU: 'http://127.0.0.1:4010' },
      lwaBaseUrl: 'http://127.0.0.1:4010/lwa',
    });
  });

  it('rejects unknown regions, other schemes and query strings by key path', () => {
    let message = '';
    try {
      parseEndpointOverrides({
        spApiBaseUrl: { US: 'https://example.com', NA: 'ftp://example.com' },
      });
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain('endpoints.spApiBaseUrl.US: unknown key');
    expect(message).toContain('endpoints.spApiBaseUrl.NA: must be an http(s) URL');
    expect(() => parseEndpointOverrides({ lwaBaseUrl: 'https://api.amazon.com/?debug=1' })).toThrow(
      'endpoints.lwaBaseUrl: must not carry a query string or fragment',
    );
  });
});
