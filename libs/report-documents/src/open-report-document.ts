import { Readable } from 'node:stream';
import { type ReportCharset, type ReportDocumentFormat, charsetOf } from './charset';
import {
  type DocumentHttpClient,
  type DocumentHttpResponse,
  fetchDocumentHttpClient,
  nodeDocumentHttpClient,
} from './document-http-client';
import { errorCode, withoutSecret } from './error-details';
import {
  ReportDocumentExpiredError,
  ReportDocumentRequestError,
  ReportDocumentTruncatedError,
  ReportDocumentUnavailableError,
} from './errors';
import { redactUrl } from './redact-url';

/** What getReportDocument (Reports API 2021-06-30) says about a document. */
export interface ReportDocumentLocation {
  reportDocumentId: string;
  /** Pre-signed S3 URL, valid for about five minutes. A secret: never log its query string. */
  url: string;
  /** Absent when the document is not compressed. */
  compressionAlgorithm?: 'GZIP';
}

/** Whether `bytes` still need gunzipping. */
export const ReportCompression = { Gzip: 'GZIP', None: 'NONE' } as const;
export type ReportCompression = (typeof ReportCompression)[keyof typeof ReportCompression];

/** Input of {@link openReportDocument}. */
export interface OpenReportDocumentInput {
  document: ReportDocumentLocation;
  /** Calls getReportDocument again for a fresh URL; used at most once, when the URL has expired. */
  refreshDocument: () => Promise<ReportDocumentLocation>;
  /** Picks the fallback charset when the response names none (cp932 for Japan). */
  marketplaceId?: string;
  /**
   * The report type's format, when known: JSON documents are always read as UTF-8 (the header's
   * charset and the Japan fallback apply to flat files).
   */
  format?: ReportDocumentFormat;
  /** The HTTP client; Node's own by default ({@link nodeDocumentHttpClient}). */
  httpClient?: DocumentHttpClient;
  /** A WHATWG fetch to download with instead (it decodes `Content-Encoding` itself). */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** An opened document: its raw bytes as a stream plus what is needed to decode them. */
export type OpenedReportDocument = {
  /** The bytes exactly as received (still gzipped when `compression` is GZIP); read them once. */
  bytes: Readable;
  compression: ReportCompression;
  contentType: string | undefined;
  /** Length of `bytes` when the server announced it, e.g. to stream them into S3 unchanged. */
  contentLength: number | undefined;
} & (
  | { charset: ReportCharset; unsupportedCharset?: undefined }
  /**
   * The response names a charset nothing here decodes. The bytes are still handed out, so that they
   * can be kept as received; reading them as text is what fails (UnsupportedCharsetError).
   */
  | { charset: undefined; unsupportedCharset: string }
);

/**
 * Starts downloading a report document from its pre-signed URL, without SP-API headers and without
 * buffering it. An expired URL (any 403) is refreshed once through `refreshDocument`.
 */
export async function openReportDocument(
  input: OpenReportDocumentInput,
): Promise<OpenedReportDocument> {
  const httpClient =
    input.httpClient ??
    (input.fetch === undefined ? defaultHttpClient : fetchDocumentHttpClient(input.fetch));
  let document = input.document;
  let response = await requestDocument(httpClient, document, input.signal);
  if (response.status === 403) {
    // S3 answers 403 AccessDenied "Request has expired" once the ~5 minute URL lifetime is over.
    await readS3ErrorCode(response);
    document = await input.refreshDocument();
    response = await requestDocument(httpClient, document, input.signal);
    if (response.status === 403) {
      const code = await readS3ErrorCode(response);
      throw new ReportDocumentExpiredError(
        `${describe(document)} answered HTTP 403${code ? ` (${code})` : ''} again after refreshing the URL`,
      );
    }
  }
  if (response.status < 200 || response.status > 299) {
    throw await httpError(document, response);
  }
  return toOpenedDocument(document, response, input.marketplaceId, input.format);
}

const defaultHttpClient = nodeDocumentHttpClient();

async function requestDocument(
  httpClient: DocumentHttpClient,
  document: ReportDocumentLocation,
  signal: AbortSignal | undefined,
): Promise<DocumentHttpResponse> {
  assertFetchableUrl(document);
  try {
    // A plain GET: the signature lives in the query string, SP-API headers must not be sent.
    // `identity` asks for the stored bytes as they are (the archive keeps them byte for byte).
    return await httpClient(document.url, {
      headers: { 'accept-encoding': 'identity' },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    throw new ReportDocumentUnavailableError(
      `${describe(document)} failed before a response (${errorCode(error) ?? 'network error'})`,
      { cause: withoutSecret(error, querySecret(document.url)) },
    );
  }
}

function assertFetchableUrl(document: ReportDocumentLocation): void {
  let protocol: string;
  try {
    protocol = new URL(document.url).protocol;
  } catch {
    throw new ReportDocumentRequestError(
      `report document ${document.reportDocumentId} has a malformed URL`,
    );
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new ReportDocumentRequestError(
      `report document ${document.reportDocumentId} has a non-HTTP URL (${protocol})`,
    );
  }
}

function toOpenedDocument(
  document: ReportDocumentLocation,
  response: DocumentHttpResponse,
  marketplaceId: string | undefined,
  format: ReportDocumentFormat | undefined,
): OpenedReportDocument {
  const contentType = response.header('content-type');
  const charset = charsetOf(contentType, marketplaceId, format);
  // With `Content-Encoding: gzip` (enableContentEncodingUrlHeader) fetch has already inflated the
  // body: the bytes we hand out are plain then, and Content-Length no longer counts them. Node's
  // client hands out the stored gzip bytes, which the label only describes.
  const contentEncoding = storedContentEncoding(document, response);
  const announcedLength = Number(response.header('content-length') ?? Number.NaN);
  const contentLength =
    !response.contentDecoded && Number.isSafeInteger(announcedLength) ? announcedLength : undefined;
  const gzipped = document.compressionAlgorithm === 'GZIP' || contentEncoding === 'gzip';
  const compression =
    gzipped && !response.contentDecoded ? ReportCompression.Gzip : ReportCompression.None;
  const bytes = Readable.from(guardedBody(document, response.body, contentLength), {
    objectMode: false,
  });
  // Destroying the stream waits for a pending read to settle (up to the idle timeout on a silent
  // server), and a generator never started never runs its cleanup: the connection is released as
  // soon as destruction starts.
  const destroyBytes = bytes._destroy.bind(bytes);
  bytes._destroy = (error, callback) => {
    response.cancel();
    destroyBytes(error, callback);
  };
  const text =
    typeof charset === 'string'
      ? { charset }
      : { charset: undefined, unsupportedCharset: charset.unsupported };
  return { bytes, compression, contentType, contentLength, ...text };
}

// The Content-Encoding of bytes the client has not decoded: gzip (S3's label with
// enableContentEncodingUrlHeader), or identity; anything else would pass undecoded for plain text.
function storedContentEncoding(
  document: ReportDocumentLocation,
  response: DocumentHttpResponse,
): 'gzip' | 'identity' {
  const label = response.header('content-encoding')?.trim().toLowerCase() ?? '';
  if (response.contentDecoded || label === '' || label === 'identity') return 'identity';
  if (label === 'gzip' || label === 'x-gzip') return 'gzip';
  response.cancel();
  throw new ReportDocumentRequestError(
    `${describe(document)} came with Content-Encoding ${label.slice(0, 32)}, which is not decoded here`,
  );
}

// Turns a connection reset or a short body into a typed, retryable error: a document that ends
// early must never pass for a complete one.
async function* guardedBody(
  document: ReportDocumentLocation,
  body: AsyncIterable<Uint8Array>,
  expectedLength: number | undefined,
): AsyncGenerator<Buffer> {
  let received = 0;
  try {
    for await (const chunk of body) {
      received += chunk.byteLength;
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  } catch (error) {
    throw new ReportDocumentTruncatedError(
      `${describe(document)} broke off after ${received} bytes (${errorCode(error) ?? 'stream error'})`,
      { cause: withoutSecret(error, querySecret(document.url)) },
    );
  }
  if (expectedLength !== undefined && received !== expectedLength) {
    throw new ReportDocumentTruncatedError(
      `${describe(document)} ended after ${received} of ${expectedLength} bytes`,
    );
  }
}

async function httpError(
  document: ReportDocumentLocation,
  response: DocumentHttpResponse,
): Promise<Error> {
  const code = await readS3ErrorCode(response);
  const message = `${describe(document)} answered HTTP ${response.status}${code ? ` (${code})` : ''}`;
  const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
  return retryable
    ? new ReportDocumentUnavailableError(message)
    : new ReportDocumentRequestError(message);
}

const errorBodyLimit = 4096;

// Reads at most a few KiB of an S3 XML error and keeps only its <Code>: other elements
// (StringToSign, CanonicalRequest) can echo the signed query string.
async function readS3ErrorCode(response: DocumentHttpResponse): Promise<string | undefined> {
  const decoder = new TextDecoder();
  let text = '';
  try {
    for await (const chunk of response.body) {
      text += decoder.decode(chunk, { stream: true });
      if (text.length >= errorBodyLimit) break;
    }
  } catch {
    return undefined;
  } finally {
    response.cancel();
  }
  return /<Code>([A-Za-z0-9.]{1,64})<\/Code>/.exec(text)?.[1];
}

function describe(document: ReportDocumentLocation): string {
  return `report document ${document.reportDocumentId} (GET ${redactUrl(document.url)})`;
}

function querySecret(url: string): string {
  try {
    return new URL(url).search.slice(1);
  } catch {
    return url;
  }
}
