import { SpApiConfigurationError } from './errors';

/**
 * A query parameter value; arrays are sent as CSV (`marketplaceIds=A,B`); undefined and
 * empty arrays are omitted.
 */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** RFC 3986 percent-encoding (stricter than encodeURIComponent: also `!'()*`). */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The full URL of an operation call: path parameters filled in and percent-encoded (a SKU may hold
 * `/` or spaces), query parameters in the given order, arrays joined with unescaped commas.
 */
export function buildRequestUrl(
  baseUrl: string,
  pathTemplate: string,
  pathParams: Readonly<Record<string, string>> = {},
  query: Readonly<Record<string, QueryValue>> = {},
): string {
  const path = pathTemplate.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = pathParams[name];
    if (value === undefined || value === '') {
      throw new SpApiConfigurationError(`Missing path parameter ${name} for ${pathTemplate}`);
    }
    return encodeRfc3986(value);
  });
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    const encoded = Array.isArray(value)
      ? value.map((item: string) => encodeRfc3986(item)).join(',')
      : encodeRfc3986(String(value));
    pairs.push(`${encodeRfc3986(name)}=${encoded}`);
  }
  return `${baseUrl}${path}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
}
