import { UnsupportedCharsetError } from './errors';

/** Normalised text encodings of report documents; each value is a name iconv-lite decodes. */
export const ReportCharset = {
  Utf8: 'utf-8',
  Windows1252: 'windows-1252',
  Cp932: 'cp932',
  /**
   * Strict latin1: no label resolves to it any more (a document recorded with `latin1` is read as
   * Windows-1252 when replayed, like a new one).
   */
  Latin1: 'latin1',
} as const;
export type ReportCharset = (typeof ReportCharset)[keyof typeof ReportCharset];

/** What a report document holds, from the report type's definition: a flat file or JSON. */
export const ReportDocumentFormat = { Tsv: 'tsv', Json: 'json' } as const;
export type ReportDocumentFormat = (typeof ReportDocumentFormat)[keyof typeof ReportDocumentFormat];

/** Amazon.co.jp, whose flat files come in Shift_JIS/cp932 when the header says nothing. */
export const JAPAN_MARKETPLACE_ID = 'A1VC38T7YXB528';

// Keys are canonicalised like iconv-lite does (lower case, alphanumerics only), so `Shift_JIS`,
// `shift-jis` and `SHIFT_JIS` meet one entry. Java aliases (Cp1252, MS932, Windows-31J) come from S3.
const aliases: Readonly<Record<string, ReportCharset>> = {
  utf8: ReportCharset.Utf8,
  cp1252: ReportCharset.Windows1252,
  windows1252: ReportCharset.Windows1252,
  xcp1252: ReportCharset.Windows1252,
  // cp932 (Windows-31J) is a superset of Shift_JIS (NEC/IBM extensions), so both decode with it.
  shiftjis: ReportCharset.Cp932,
  sjis: ReportCharset.Cp932,
  xsjis: ReportCharset.Cp932,
  csshiftjis: ReportCharset.Cp932,
  mskanji: ReportCharset.Cp932,
  windows31j: ReportCharset.Cp932,
  cswindows31j: ReportCharset.Cp932,
  cp932: ReportCharset.Cp932,
  ms932: ReportCharset.Cp932,
  // As browsers do (WHATWG Encoding): Amazon labels the same EU and MX flat files ISO-8859-1 or
  // Cp1252 (SPAPI.md 5.4), and strict latin1 would turn their € ™ „ – into C1 controls.
  iso88591: ReportCharset.Windows1252,
  latin1: ReportCharset.Windows1252,
  l1: ReportCharset.Windows1252,
};

/** A `Content-Type` charset that no decoder here reads, as the header names it. */
export interface UnsupportedCharset {
  readonly unsupported: string;
}

/**
 * The charset of a document: UTF-8 for JSON reports whatever the header says; otherwise the
 * `Content-Type` charset, or without one cp932 for Japan (unless the media type is JSON or XML) and
 * UTF-8 elsewhere. Throws `UnsupportedCharsetError` for unknown names.
 */
export function resolveCharset(
  contentType: string | null | undefined,
  marketplaceId?: string,
  format?: ReportDocumentFormat,
): ReportCharset {
  const charset = charsetOf(contentType, marketplaceId, format);
  if (typeof charset !== 'string') {
    throw new UnsupportedCharsetError(
      `unsupported report document charset "${charset.unsupported}"`,
    );
  }
  return charset;
}

/** As {@link resolveCharset}, but an unknown name is returned, not thrown. */
export function charsetOf(
  contentType: string | null | undefined,
  marketplaceId?: string,
  format?: ReportDocumentFormat,
): ReportCharset | UnsupportedCharset {
  // JSON reports are UTF-8 (SPAPI.md 5.4, RFC 8259): the header rule and the Japan fallback are
  // for flat files. S3 serves JSON reports as binary/octet-stream or text/plain too, so the media
  // type cannot tell; and a charset it names for them is not trusted either.
  if (format === ReportDocumentFormat.Json) return ReportCharset.Utf8;
  const { mediaType, charset } = parseContentType(contentType ?? '');
  if (charset === undefined || charset === '') {
    return marketplaceId === JAPAN_MARKETPLACE_ID && !isUtf8ByDefinition(mediaType)
      ? ReportCharset.Cp932
      : ReportCharset.Utf8;
  }
  return aliases[canonicalise(charset)] ?? { unsupported: charset };
}

function parseContentType(header: string): { mediaType: string; charset?: string } {
  const [mediaType = '', ...parameters] = header.split(';');
  const charsetParameter = parameters
    .map((parameter) => parameter.trim())
    .find((parameter) => parameter.toLowerCase().startsWith('charset='));
  const charset = charsetParameter
    ?.slice('charset='.length)
    .trim()
    .replace(/^"(.*)"$/, '$1');
  return { mediaType: mediaType.trim().toLowerCase(), charset };
}

// JSON is UTF-8 by RFC 8259 and XML declares its own encoding (JP XML reports were observed fine):
// the Japan fallback is for flat files only.
function isUtf8ByDefinition(mediaType: string): boolean {
  return /[/+](json|xml)$/.test(mediaType);
}

function canonicalise(name: string): string {
  return name.toLowerCase().replace(/[^0-9a-z]/g, '');
}
