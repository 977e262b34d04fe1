import { createHmac } from 'node:crypto';

/** Lifetime of a report document URL (5 minutes, like the pre-signed S3 URLs). */
export const DOCUMENT_URL_LIFETIME_S = 300;
/** Path prefix of the simulated S3 bucket. */
export const DOCUMENT_PATH_PREFIX = '/sim-s3/spapi-report-documents/';

/** A verified document URL. */
export type DocumentUrlCheck =
  | {
      readonly kind: 'valid';
      readonly reportDocumentId: string;
      readonly contentEncodingGzip: boolean;
    }
  | { readonly kind: 'expired'; readonly expires: number }
  | { readonly kind: 'bad-signature' };

/** Signs and checks pre-signed-S3-like document URLs against the simulated clock. */
export class DocumentUrlSigner {
  constructor(private readonly secret: string) {}

  /** A URL valid for five minutes from `issuedAt`. */
  sign(input: {
    readonly baseUrl: string;
    readonly reportDocumentId: string;
    readonly issuedAt: number;
    readonly contentEncodingGzip: boolean;
  }): string {
    const url = new URL(
      `${DOCUMENT_PATH_PREFIX}${encodeURIComponent(input.reportDocumentId)}`,
      input.baseUrl,
    );
    const date = amzDate(input.issuedAt);
    url.searchParams.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
    url.searchParams.set('X-Amz-Date', date);
    url.searchParams.set('X-Amz-Expires', String(DOCUMENT_URL_LIFETIME_S));
    url.searchParams.set('X-Amz-SignedHeaders', 'host');
    if (input.contentEncodingGzip) url.searchParams.set('response-content-encoding', 'gzip');
    url.searchParams.set(
      'X-Amz-Signature',
      this.signature(input.reportDocumentId, date, input.contentEncodingGzip),
    );
    return url.toString();
  }

  /** Checks the signature, then the expiry against `now`. */
  verify(url: URL, now: number): DocumentUrlCheck {
    const reportDocumentId = decodeURIComponent(url.pathname.slice(DOCUMENT_PATH_PREFIX.length));
    const date = url.searchParams.get('X-Amz-Date') ?? '';
    const gzip = url.searchParams.get('response-content-encoding') === 'gzip';
    if (url.searchParams.get('X-Amz-Signature') !== this.signature(reportDocumentId, date, gzip)) {
      return { kind: 'bad-signature' };
    }
    const expires = parseAmzDate(date) + DOCUMENT_URL_LIFETIME_S * 1000;
    if (Number.isNaN(expires)) return { kind: 'bad-signature' };
    if (now >= expires) return { kind: 'expired', expires };
    return { kind: 'valid', reportDocumentId, contentEncodingGzip: gzip };
  }

  private signature(reportDocumentId: string, date: string, gzip: boolean): string {
    return createHmac('sha256', this.secret)
      .update(`${reportDocumentId}\n${date}\n${gzip ? 'gzip' : ''}`)
      .digest('hex');
  }
}

/** `20261101T000000Z` form of an instant. */
export function amzDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  return m === null ? Number.NaN : Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}
