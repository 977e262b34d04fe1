/**
 * Opaque page tokens: base64url of `<query fingerprint>:<offset>`. A token only works with the query
 * that produced it, like SP-API's (which rejects tokens from another query).
 */
export function encodePageToken(fingerprint: string, offset: number): string {
  return Buffer.from(`${fingerprint}:${offset}`, 'utf8').toString('base64url');
}

/** The offset a token points at, or undefined when it is malformed or from another query. */
export function decodePageToken(token: string, fingerprint: string): number | undefined {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const match = /^([0-9a-f]+):(\d+)$/.exec(text);
  if (match === null || match[1] !== fingerprint) return undefined;
  return Number(match[2]);
}

/** A short stable hash (FNV-1a, hex) of the query parts that define a result set. */
export function queryFingerprint(parts: readonly unknown[]): string {
  const text = JSON.stringify(parts);
  let hash = 2166136261;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** One page of `items` from `offset`, with the tokens SP-API returns around it. */
export function pageOf<T>(
  items: readonly T[],
  offset: number,
  pageSize: number,
  fingerprint: string,
): { items: T[]; nextToken?: string; previousToken?: string } {
  const page = items.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  return {
    items: page,
    ...(next < items.length ? { nextToken: encodePageToken(fingerprint, next) } : {}),
    ...(offset > 0
      ? { previousToken: encodePageToken(fingerprint, Math.max(0, offset - pageSize)) }
      : {}),
  };
}
