import { redact } from './redact';
import { REDACTED } from './redact-text';

const REFRESH_TOKEN = 'Atzr|IwEBIKExampleRefreshToken-9876543210_xyz';

describe('redact', () => {
  it('redacts values under credential keys at any depth and in arrays, whatever the case', () => {
    expect(
      redact({
        reportId: '123',
        auth: {
          ACCESS_TOKEN: 'opaque',
          nested: [{ clientSecret: 'opaque' }, { 'X-Amz-Access-Token': 'opaque' }],
        },
        headers: { authorization: 'opaque', accept: 'application/json' },
        restrictedDataToken: { value: 'opaque' },
        password: 42,
      }),
    ).toEqual({
      reportId: '123',
      auth: {
        ACCESS_TOKEN: REDACTED,
        nested: [{ clientSecret: REDACTED }, { 'X-Amz-Access-Token': REDACTED }],
      },
      headers: { authorization: REDACTED, accept: 'application/json' },
      restrictedDataToken: REDACTED,
      password: REDACTED,
    });
  });

  it('keeps absent credentials visible as absent', () => {
    expect(redact({ refreshToken: undefined, accessToken: null })).toEqual({
      refreshToken: undefined,
      accessToken: null,
    });
  });

  it('redacts an OAuth code next to grant_type but not an error code', () => {
    expect(redact({ grant_type: 'authorization_code', code: 'ANopaque', client_id: 'id' })).toEqual(
      {
        grant_type: 'authorization_code',
        code: REDACTED,
        client_id: 'id',
      },
    );
    expect(redact({ errors: [{ code: 'QuotaExceeded', message: 'slow down' }] })).toEqual({
      errors: [{ code: 'QuotaExceeded', message: 'slow down' }],
    });
  });

  it('redacts value patterns inside strings and keys', () => {
    expect(redact({ note: `got ${REFRESH_TOKEN}`, cache: { [REFRESH_TOKEN]: 'entry' } })).toEqual({
      note: `got ${REDACTED}`,
      cache: { [REDACTED]: 'entry' },
    });
  });

  it('turns errors into objects with redacted message, stack, own properties and cause', () => {
    const cause = new Error(`LWA said invalid_grant for ${REFRESH_TOKEN}`);
    const error = Object.assign(new Error('token refresh failed', { cause }), {
      clientSecret: 'opaque',
      status: 400,
    });
    const redacted = redact(error);
    expect(redacted).toMatchObject({
      name: 'Error',
      message: 'token refresh failed',
      clientSecret: REDACTED,
      status: 400,
      cause: { name: 'Error', message: `LWA said invalid_grant for ${REDACTED}` },
    });
    expect(JSON.stringify(redacted)).not.toContain('IwEBIK');
  });

  it('uses the given error formatter', () => {
    expect(
      redact({ error: new Error('x') }, { formatError: (error) => ({ kind: error.name }) }),
    ).toEqual({
      error: { kind: 'Error' },
    });
  });

  it('converts Maps, Sets, URLs, dates, headers and search params, and summarises bytes', () => {
    const presigned = new URL('https://bucket.s3.amazonaws.com/doc?X-Amz-Signature=abc');
    expect(
      redact({
        map: new Map<unknown, unknown>([
          ['refresh_token', 'opaque'],
          [1, 'one'],
        ]),
        set: new Set(['a']),
        url: presigned,
        at: new Date('2025-01-01T00:00:00Z'),
        headers: new Headers({ 'x-amz-access-token': 'opaque', 'content-type': 'text/plain' }),
        params: new URLSearchParams('client_secret=opaque&grant_type=refresh_token'),
        body: Buffer.from('Atzr|secret bytes'),
      }),
    ).toEqual({
      map: { refresh_token: REDACTED, 1: 'one' },
      set: ['a'],
      url: `https://bucket.s3.amazonaws.com/doc?${REDACTED}`,
      at: '2025-01-01T00:00:00.000Z',
      headers: { 'x-amz-access-token': REDACTED, 'content-type': 'text/plain' },
      params: { client_secret: REDACTED, grant_type: 'refresh_token' },
      body: '[Binary 17 bytes]',
    });
  });

  it('replaces registered secret values, longest first', () => {
    expect(
      redact(['shape-less-secret-value', 'shape-less-secret-value-2'], {
        secretValues: ['shape-less-secret-value', 'shape-less-secret-value-2'],
      }),
    ).toEqual([REDACTED, REDACTED]);
  });

  it('handles cycles and never modifies its input', () => {
    const input: Record<string, unknown> = { token: 'opaque', list: [1] };
    input['self'] = input;
    const output = redact(input);
    expect(output).toEqual({ token: REDACTED, list: [1], self: '[Circular]' });
    expect(input['token']).toBe('opaque');
  });

  it('passes scalars through', () => {
    expect(redact(42)).toBe(42);
    expect(redact(true)).toBe(true);
    expect(redact(null)).toBeNull();
    expect(redact(undefined)).toBeUndefined();
    expect(redact(10n)).toBe(10n);
  });
});
