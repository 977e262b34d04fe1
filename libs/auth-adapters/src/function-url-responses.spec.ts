import {
  formatCookie,
  pageResponse,
  parseRequestCookies,
  redirectResponse,
} from './function-url-responses';

describe('Function URL responses', () => {
  it('sets state cookies as __Host-, Secure, HttpOnly and SameSite=Lax', () => {
    expect(formatCookie({ name: '__Host-spapi-auth-x', value: 'v', maxAgeSeconds: 600 })).toBe(
      '__Host-spapi-auth-x=v; Max-Age=600; Path=/; Secure; HttpOnly; SameSite=Lax',
    );
  });

  it('sends no-referrer, no-store and a strict CSP on pages, and escapes their text', () => {
    const response = pageResponse(400, { title: 'A <b>', paragraphs: ['x & "y"'] });
    expect(response.headers).toMatchObject({
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': expect.stringContaining("default-src 'none'"),
    });
    expect(response.body).toContain('<h1>A &lt;b&gt;</h1>');
    expect(response.body).toContain('<p>x &amp; &quot;y&quot;</p>');
    expect(response.body).not.toContain('<script');
  });

  it('redirects with no-referrer', () => {
    const response = redirectResponse('https://example.com/x', []);
    expect(response).toMatchObject({
      statusCode: 302,
      headers: { Location: 'https://example.com/x', 'Referrer-Policy': 'no-referrer' },
    });
  });

  it('parses the request cookies of a Function URL event', () => {
    expect(parseRequestCookies(['a=1', 'b=2; c=3', 'a=ignored', 'broken'])).toEqual({
      a: '1',
      b: '2',
      c: '3',
    });
    expect(parseRequestCookies(undefined)).toEqual({});
  });
});
