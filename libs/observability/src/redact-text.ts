import { isSensitiveKey } from './sensitive-keys';

/** What replaces every redacted value. */
export const REDACTED = '[REDACTED]';

// LWA access (`Atza|`) and refresh (`Atzr|`) tokens, also URL-encoded (`Atzr%7C`).
const LWA_TOKEN = /Atz[ar](?:\||%7[Cc])[^\s"'`<>&,;\\)\]}]+/g;
// LWA client secrets.
const CLIENT_SECRET = /amzn1\.oa2-cs\.v1\.[^\s"'`<>&,;\\)\]}]+/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi;
const URL_USERINFO = /\b(https?:\/\/)[^\s/?#@"'`<>]+@/gi;
const URL_WITH_TAIL = /\b(https?:\/\/[^\s?#"'`<>\\]+)([?#][^\s"'`<>\\]*)/gi;
// A query or fragment parameter that signs, expires or authorises the URL.
const SENSITIVE_URL_PARAM =
  /(?:^|[?#&;])(?:x-amz-[^=&#]*|signature|sig|expires|key-pair-id|policy|awsaccesskeyid|code|(?:spapi_)?oauth_code|auth_code|state|[^=&#]*token[^=&#]*|[^=&#]*secret[^=&#]*|[^=&#]*password[^=&#]*)=/i;
const HEADER_LINE =
  /\b(authorization|proxy-authorization|x-amz-access-token|x-amz-security-token|cookie|set-cookie)(\s*:\s*)[^\r\n]+/gi;
// `"key": "value"` in JSON text, `\"key\": \"value\"` in JSON embedded in a JSON string, and
// `key: 'value'` as util.inspect prints objects into error messages.
const JSON_PAIR = /"([^"\\\s]{1,64})"(\s*:\s*)"((?:[^"\\]|\\[\s\S])*)"/g;
const ESCAPED_JSON_PAIR = /\\"([^"\\\s]{1,64})\\"(\s*:\s*)\\"((?:[^"\\]|\\(?!")[\s\S])*)\\"/g;
const INSPECT_PAIR = /(['"]?)([\w.-]{1,64})\1(\s*:\s*)'((?:[^'\\]|\\[\s\S])*)'/g;
// `key=value` in form bodies, query strings and free text.
const FORM_PAIR = /(^|[?&;,\s])([\w.-]{1,64})=([^&\s;,"'`<>]+)/g;

function redactUrls(text: string): string {
  return text
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(URL_WITH_TAIL, (match, base: string, tail: string) =>
      SENSITIVE_URL_PARAM.test(tail) ? `${base}?${REDACTED}` : match,
    );
}

function redactPairs(text: string): string {
  const context = { authCodeContext: /grant_type|redirect_uri/i.test(text) };
  const sensitive = (key: string) => isSensitiveKey(key, context);
  return text
    .replace(JSON_PAIR, (match, key: string, colon: string) =>
      sensitive(key) ? `"${key}"${colon}"${REDACTED}"` : match,
    )
    .replace(ESCAPED_JSON_PAIR, (match, key: string, colon: string) =>
      sensitive(key) ? `\\"${key}\\"${colon}\\"${REDACTED}\\"` : match,
    )
    .replace(INSPECT_PAIR, (match, quote: string, key: string, colon: string) =>
      sensitive(key) ? `${quote}${key}${quote}${colon}'${REDACTED}'` : match,
    )
    .replace(FORM_PAIR, (match, lead: string, key: string) =>
      sensitive(key) ? `${lead}${key}=${REDACTED}` : match,
    );
}

/**
 * Redacts credentials inside free text (messages, error messages, stack traces, bodies): known
 * secret values, LWA tokens and client secrets, bearer tokens, credential headers, sensitive
 * `"key": "value"` / `key=value` pairs, and the query string of signed URLs (`?[REDACTED]`).
 */
export function redactText(text: string, secretValues: readonly string[] = []): string {
  let result = text;
  for (const secret of secretValues) {
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  }
  result = redactUrls(result);
  result = result.replace(LWA_TOKEN, REDACTED).replace(CLIENT_SECRET, REDACTED);
  result = result.replace(BEARER, `$1${REDACTED}`);
  result = result.replace(HEADER_LINE, `$1$2${REDACTED}`);
  return redactPairs(result);
}
