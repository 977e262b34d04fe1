const REDACTED = '[redacted]';

// LWA access and refresh tokens (raw or URL-encoded) and client secrets have recognisable shapes.
const TOKEN_SHAPES = [/Atz[ar](?:\||%7C)[^\s"'&,;<>]+/gi, /amzn1\.oa2-cs\.[^\s"'&,;<>]+/g];

/**
 * Replaces each known secret in `text` (raw, URI- or form-encoded) and anything shaped like an LWA
 * token or client secret with `[redacted]`; empty secrets are ignored.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = secrets
    .filter((secret) => secret.length > 0)
    .flatMap((secret) => [
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
    ])
    // Longest first, so a secret that contains another one is removed whole.
    .sort((a, b) => b.length - a.length);
  const withoutKnown = forms.reduce((redacted, form) => redacted.split(form).join(REDACTED), text);
  return TOKEN_SHAPES.reduce((redacted, shape) => redacted.replace(shape, REDACTED), withoutKnown);
}
