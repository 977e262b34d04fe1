import { REDACTED, redactText } from './redact-text';

const ACCESS_TOKEN = 'Atza|IwEBIJ4kExampleAccessToken-0123456789_abc+def/ghi=';
const REFRESH_TOKEN = 'Atzr|IwEBIKExampleRefreshToken-9876543210_xyz';
const CLIENT_SECRET = 'amzn1.oa2-cs.v1.3f1e0c2b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f';
const PRESIGNED =
  'https://tortuga-prod-eu.s3-eu-west-1.amazonaws.com/doc-123.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20250101T000000Z&X-Amz-Credential=AKIAEXAMPLE%2F20250101%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Expires=300&X-Amz-Signature=0b1c2d3e4f5a6b7c8d9e';

describe('redactText', () => {
  it('redacts LWA tokens and client secrets anywhere in text', () => {
    const text = `refresh failed for ${REFRESH_TOKEN}, got ${ACCESS_TOKEN} (secret ${CLIENT_SECRET})`;
    expect(redactText(text)).toBe(
      `refresh failed for ${REDACTED}, got ${REDACTED} (secret ${REDACTED})`,
    );
  });

  it('redacts URL-encoded LWA tokens in form bodies', () => {
    expect(
      redactText(
        'grant_type=refresh_token&refresh_token=Atzr%7CIwEBIabc%2Bdef&client_id=amzn1.application-oa2-client.1',
      ),
    ).toBe(
      `grant_type=refresh_token&refresh_token=${REDACTED}&client_id=amzn1.application-oa2-client.1`,
    );
  });

  it('keeps scheme, host and path of a pre-signed URL and drops its query', () => {
    expect(redactText(`GET ${PRESIGNED} failed`)).toBe(
      `GET https://tortuga-prod-eu.s3-eu-west-1.amazonaws.com/doc-123.gz?${REDACTED} failed`,
    );
  });

  it.each([
    'https://d1.cloudfront.net/x.txt?Expires=1700000000&Signature=abc&Key-Pair-Id=K1',
    'https://example.com/cb?spapi_oauth_code=ANabcdef&state=xyz&selling_partner_id=A1',
    'http://127.0.0.1:4010/documents/1?token=abc',
    'https://bucket.s3.amazonaws.com/k?X-Amz-Security-Token=IQoJb3JpZ2luX2Vj',
  ])('redacts the query of %s', (url) => {
    expect(redactText(url)).toMatch(/^https?:\/\/[^?]+\?\[REDACTED\]$/);
  });

  it('keeps URLs whose query carries nothing sensitive', () => {
    const url =
      'https://sellingpartnerapi-eu.amazon.com/reports/2021-06-30/reports?reportTypes=X&pageSize=10';
    expect(redactText(url)).toBe(url);
  });

  it('redacts credentials in URL user info', () => {
    expect(redactText('https://user:hunter22@example.com/x')).toBe(
      `https://${REDACTED}@example.com/x`,
    );
  });

  it('redacts bearer tokens and credential headers', () => {
    expect(redactText('Authorization: Bearer abc.def.ghi')).toBe(`Authorization: ${REDACTED}`);
    expect(redactText('sent Bearer abc.def.ghi to LWA')).toBe(`sent Bearer ${REDACTED} to LWA`);
    expect(redactText('x-amz-access-token: opaque-value\nhost: x')).toBe(
      `x-amz-access-token: ${REDACTED}\nhost: x`,
    );
  });

  it('redacts sensitive pairs in JSON text, escaped JSON and inspected objects', () => {
    expect(redactText('{"access_token":"opaque-1","token_type":"bearer","expires_in":3600}')).toBe(
      `{"access_token":"${REDACTED}","token_type":"bearer","expires_in":3600}`,
    );
    expect(redactText('{\\"client_secret\\": \\"opaque 2\\"}')).toBe(
      `{\\"client_secret\\": \\"${REDACTED}\\"}`,
    );
    expect(redactText("{ password: 'opaque 3', user: 'bob' }")).toBe(
      `{ password: '${REDACTED}', user: 'bob' }`,
    );
    expect(redactText('{"password":"a \\"quoted\\" pass"}')).toBe(`{"password":"${REDACTED}"}`);
  });

  it('redacts an authorisation code in a token request body but keeps error codes', () => {
    expect(
      redactText('grant_type=authorization_code&code=ANopaque&redirect_uri=https://x/cb'),
    ).toBe(`grant_type=authorization_code&code=${REDACTED}&redirect_uri=https://x/cb`);
    expect(redactText('{"code":"InvalidInput","message":"bad"}')).toBe(
      '{"code":"InvalidInput","message":"bad"}',
    );
  });

  it('replaces registered secret values wherever they appear', () => {
    expect(redactText('db=plainvalue42 and again plainvalue42!', ['plainvalue42'])).toBe(
      `db=${REDACTED} and again ${REDACTED}!`,
    );
  });

  it('is idempotent', () => {
    const once = redactText(`${PRESIGNED} Authorization: Bearer x ${REFRESH_TOKEN} "token":"t"`);
    expect(redactText(once)).toBe(once);
  });

  it('leaves ordinary text alone', () => {
    const text = 'Report 12345 for A1PA6795UKMFR9 is DONE after 3 polls (code=InvalidInput)';
    expect(redactText(text)).toBe(text);
  });
});
