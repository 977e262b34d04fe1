/**
 * A pre-signed URL without its secret parts (query string with the signature and session token,
 * user info, fragment): safe for error messages and logs.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return '<unparsable url>';
  }
}
