import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type HtmlPage, renderHtmlPage } from './html-page';

/** Headers of every response of the authorization pages (SPAPI.md 2.5: no referrer leaks). */
const COMMON_HEADERS = {
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
} as const;

const PAGE_HEADERS = {
  ...COMMON_HEADERS,
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
} as const;

/** A cookie for the Function URL response's `cookies` list. */
export interface ResponseCookie {
  readonly name: string;
  readonly value: string;
  readonly maxAgeSeconds: number;
}

/**
 * `Set-Cookie` value of a state cookie: `__Host-` (https only, this host, path /), HttpOnly, and
 * SameSite=Lax so the browser sends it on Amazon's top-level redirect back to the callback.
 */
export function formatCookie(cookie: ResponseCookie): string {
  return `${cookie.name}=${cookie.value}; Max-Age=${cookie.maxAgeSeconds}; Path=/; Secure; HttpOnly; SameSite=Lax`;
}

/** An HTML page response. */
export function pageResponse(
  statusCode: number,
  page: HtmlPage,
  cookies: readonly ResponseCookie[] = [],
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { ...PAGE_HEADERS },
    ...(cookies.length === 0 ? {} : { cookies: cookies.map(formatCookie) }),
    body: renderHtmlPage(page),
  };
}

/** A 302 to `location` that sets `cookies`. */
export function redirectResponse(
  location: string,
  cookies: readonly ResponseCookie[],
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 302,
    headers: { ...COMMON_HEADERS, Location: location },
    cookies: cookies.map(formatCookie),
    body: '',
  };
}

/** The request's cookies (`event.cookies`, each `name=value`) as a map; the first of a name wins. */
export function parseRequestCookies(
  cookies: readonly string[] | undefined,
): Record<string, string> {
  const parsed: Record<string, string> = {};
  for (const header of cookies ?? []) {
    for (const pair of header.split(';')) {
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      if (!(name in parsed)) parsed[name] = pair.slice(separator + 1).trim();
    }
  }
  return parsed;
}
