import { InvalidLakeKeyError } from './errors';
import {
  AMAZON_ID_PATTERN,
  SELLING_PARTNER_ID_PATTERN,
  DATASET_PATTERN,
  ISO_INSTANT_PATTERN,
  REPORT_CONFIG_ID_PATTERN,
  REPORT_ID_PATTERN,
  REPORT_TYPE_PATTERN,
} from './key-components';

/** What a raw report document contains (the extension of its raw object). */
export const ReportDocumentFormat = { Tsv: 'tsv', Json: 'json', Xml: 'xml' } as const;
export type ReportDocumentFormat = (typeof ReportDocumentFormat)[keyof typeof ReportDocumentFormat];

/** Whether document bytes are gzip as received (SP-API `compressionAlgorithm`, absent = NONE). */
export const DocumentCompression = { Gzip: 'GZIP', None: 'NONE' } as const;
export type DocumentCompression = (typeof DocumentCompression)[keyof typeof DocumentCompression];

/** Identifies a raw report document in the raw zone. */
export interface RawReportKeyInput {
  reportType: string;
  sellingPartnerId: string;
  /** Partition date, `yyyy-mm-dd`. */
  dt: string;
  reportId: string;
  format: ReportDocumentFormat;
  compression: DocumentCompression;
}

/** Identifies one Parquet file of a curated dataset. */
export interface CuratedKeyInput {
  dataset: string;
  sellingPartnerId: string;
  marketplaceId: string;
  /** Partition date, `yyyy-mm-dd`. */
  dt: string;
  reportId: string;
}

/** Identifies the quarantined rows of one report for one dataset. */
export interface QuarantineKeyInput {
  dataset: string;
  sellingPartnerId: string;
  dt: string;
  reportId: string;
}

/** Identifies a per-report manifest. */
export interface ManifestKeyInput {
  sellingPartnerId: string;
  reportId: string;
}

/**
 * Identifies the ledger entry of one ingestion unit, as the fan-out plans it: one partner, one
 * report config (its type and options), its marketplace(s) and one window.
 */
export interface LedgerKeyInput {
  sellingPartnerId: string;
  reportType: string;
  /**
   * The report config that asked for the window. Absent only for Amazon-generated reports
   * (settlements), which no config requests.
   */
  reportConfigId?: string | undefined;
  /** The report's marketplaces (one for every fan-out window); order and repeats do not matter. */
  marketplaceIds: readonly string[];
  /** ISO-8601 instant with a zone (`Z` or an offset), or a Date. */
  windowStart: string | Date;
  windowEnd: string | Date;
}

/** The report-config segment of the ledger keys of Amazon-generated reports (no config). */
export const AMAZON_GENERATED_LEDGER_SEGMENT = 'amazon_generated';

/** Identifies the stored error document of a FATAL report. */
export interface ErrorDocumentKeyInput {
  reportType: string;
  sellingPartnerId: string;
  reportId: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `reports/<REPORT_TYPE>/selling_partner_id=<id>/dt=<yyyy-mm-dd>/<reportId>.<format>[.gz]`.
 * The raw zone keeps the document's bytes exactly as received, so the extension says what they are:
 * a GZIP document is `.tsv.gz`, an uncompressed one `.tsv`. DESIGN.md shows `.gz` always; we keep
 * byte identity with what Amazon served instead of recompressing uncompressed documents.
 */
export function rawReportKey(input: RawReportKeyInput): string {
  const extension = `${format(input.format)}${compressionSuffix(input.compression)}`;
  return [
    'reports',
    reportType(input.reportType),
    `selling_partner_id=${sellingPartnerId(input.sellingPartnerId)}`,
    `dt=${partitionDateComponent(input.dt)}`,
    `${reportId(input.reportId)}.${extension}`,
  ].join('/');
}

/**
 * `<dataset>/selling_partner_id=<id>/marketplace_id=<id>/dt=<yyyy-mm-dd>/<reportId>.parquet`: Hive
 * partitions Glue and DuckDB read; one file per report and partition, so reprocessing overwrites it.
 */
export function curatedKey(input: CuratedKeyInput): string {
  return [
    dataset(input.dataset),
    `selling_partner_id=${sellingPartnerId(input.sellingPartnerId)}`,
    `marketplace_id=${amazonId('marketplaceId', input.marketplaceId)}`,
    `dt=${partitionDateComponent(input.dt)}`,
    `${reportId(input.reportId)}.parquet`,
  ].join('/');
}

/** `<dataset>/`: the root of one curated dataset (a Glue crawler target). */
export function datasetPrefix(name: string): string {
  return `${dataset(name)}/`;
}

/** `_quarantine/<dataset>/selling_partner_id=<id>/dt=<yyyy-mm-dd>/<reportId>.jsonl`. */
export function quarantineKey(input: QuarantineKeyInput): string {
  return [
    '_quarantine',
    dataset(input.dataset),
    `selling_partner_id=${sellingPartnerId(input.sellingPartnerId)}`,
    `dt=${partitionDateComponent(input.dt)}`,
    `${reportId(input.reportId)}.jsonl`,
  ].join('/');
}

/** The prefix of every report manifest, or of one selling partner's: see {@link manifestKey}. */
export function manifestPrefix(input: { sellingPartnerId?: string } = {}): string {
  return input.sellingPartnerId === undefined
    ? '_manifests/reports/'
    : `_manifests/reports/selling_partner_id=${sellingPartnerId(input.sellingPartnerId)}/`;
}

/** `_manifests/reports/selling_partner_id=<id>/<reportId>.json`. */
export function manifestKey(input: ManifestKeyInput): string {
  return [
    '_manifests',
    'reports',
    `selling_partner_id=${sellingPartnerId(input.sellingPartnerId)}`,
    `${reportId(input.reportId)}.json`,
  ].join('/');
}

/**
 * The prefix of every uncurated-report record, or of one selling partner's: see
 * {@link uncuratedReportKey}.
 */
export function uncuratedReportPrefix(input: { sellingPartnerId?: string } = {}): string {
  return input.sellingPartnerId === undefined
    ? '_manifests/uncurated-reports/'
    : `_manifests/uncurated-reports/selling_partner_id=${sellingPartnerId(input.sellingPartnerId)}/`;
}

/**
 * `_manifests/uncurated-reports/selling_partner_id=<id>/<reportId>.json`: a report whose raw
 * document was kept but could not be curated (beside, never in, the manifests of curated reports).
 */
export function uncuratedReportKey(input: ManifestKeyInput): string {
  return [
    '_manifests',
    'uncurated-reports',
    `selling_partner_id=${sellingPartnerId(input.sellingPartnerId)}`,
    `${reportId(input.reportId)}.json`,
  ].join('/');
}

/**
 * `_leases/reports/selling_partner_id=<id>/<reportId>.json`: the lease of the one retrieval (or
 * replay) of a report that may run at a time (see ingestion's `withReportLease`).
 */
export function reportLeaseKey(input: ManifestKeyInput): string {
  return [
    '_leases',
    'reports',
    `selling_partner_id=${sellingPartnerId(input.sellingPartnerId)}`,
    `${reportId(input.reportId)}.json`,
  ].join('/');
}

/**
 * `_ledger/selling_partner_id=<id>/<REPORT_TYPE>/report_config_id=<id>/marketplace_ids=<ids>/<windowStart>_<windowEnd>.json`:
 * one key per ingestion unit, so two report configs of one type, or two marketplaces of one
 * partner, never share an entry. Amazon-generated reports have `amazon_generated` in place of the
 * report config segment (no config slug can spell it). Marketplace ids are sorted, deduplicated and
 * joined by `_`. Window bounds are written in basic ISO-8601 UTC with milliseconds
 * (`20240101T000000.000Z`): fixed width, so keys sort chronologically, and no `:` (which
 * Hadoop-style paths and some file systems reject).
 */
export function ledgerKey(input: LedgerKeyInput): string {
  const start = compactInstant('windowStart', input.windowStart);
  const end = compactInstant('windowEnd', input.windowEnd);
  if (end < start) {
    throw new InvalidLakeKeyError(`windowEnd ${end} is before windowStart ${start}`);
  }
  return [
    ledgerPrefix(input).slice(0, -1),
    input.reportConfigId === undefined
      ? AMAZON_GENERATED_LEDGER_SEGMENT
      : `report_config_id=${reportConfigId(input.reportConfigId)}`,
    `marketplace_ids=${marketplaceIds(input.marketplaceIds)}`,
    `${start}_${end}.json`,
  ].join('/');
}

/** `_ledger/selling_partner_id=<id>/<REPORT_TYPE>/`: every ledger entry of one partner and report type. */
export function ledgerPrefix(input: { sellingPartnerId: string; reportType: string }): string {
  return [
    '_ledger',
    `selling_partner_id=${sellingPartnerId(input.sellingPartnerId)}`,
    reportType(input.reportType),
    '',
  ].join('/');
}

/** `_errors/reports/<REPORT_TYPE>/selling_partner_id=<id>/<reportId>.json`. */
export function errorDocumentKey(input: ErrorDocumentKeyInput): string {
  return [
    '_errors',
    'reports',
    reportType(input.reportType),
    `selling_partner_id=${sellingPartnerId(input.sellingPartnerId)}`,
    `${reportId(input.reportId)}.json`,
  ].join('/');
}

/** The UTC calendar day of an instant as a `dt` partition value (`yyyy-mm-dd`). */
export function partitionDate(instant: Date | string): string {
  return toDate('instant', instant).toISOString().slice(0, 10);
}

function reportType(value: string): string {
  return checked('reportType', value, REPORT_TYPE_PATTERN, 'an upper-case SP-API report type');
}

function sellingPartnerId(value: string): string {
  return checked(
    'sellingPartnerId',
    value,
    SELLING_PARTNER_ID_PATTERN,
    'letters, digits, dots, dashes and underscores',
  );
}

function reportConfigId(value: string): string {
  return checked('reportConfigId', value, REPORT_CONFIG_ID_PATTERN, 'a report config slug');
}

function marketplaceIds(values: readonly string[]): string {
  if (!Array.isArray(values) || values.length === 0) {
    throw new InvalidLakeKeyError('marketplaceIds must name at least one marketplace');
  }
  const ids = [...new Set(values.map((value) => amazonId('marketplaceId', value)))].sort();
  return ids.join('_');
}

function amazonId(label: string, value: string): string {
  return checked(label, value, AMAZON_ID_PATTERN, 'upper-case letters and digits');
}

function dataset(value: string): string {
  return checked('dataset', value, DATASET_PATTERN, 'a snake_case name');
}

function reportId(value: string): string {
  return checked('reportId', value, REPORT_ID_PATTERN, 'letters, digits, "-" and "_"');
}

function partitionDateComponent(value: string): string {
  const match = DATE.exec(value);
  if (match) {
    const [, year, month, day] = match.map(Number);
    const date = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day ?? 0));
    if (date.toISOString().slice(0, 10) === value) return value;
  }
  throw new InvalidLakeKeyError(
    `dt must be a calendar date yyyy-mm-dd, got ${JSON.stringify(value)}`,
  );
}

function format(value: string): ReportDocumentFormat {
  const known = Object.values(ReportDocumentFormat).find((candidate) => candidate === value);
  if (known) return known;
  throw new InvalidLakeKeyError(`format must be tsv, json or xml, got ${JSON.stringify(value)}`);
}

function compressionSuffix(value: string): string {
  if (value === DocumentCompression.Gzip) return '.gz';
  if (value === DocumentCompression.None) return '';
  throw new InvalidLakeKeyError(`compression must be GZIP or NONE, got ${JSON.stringify(value)}`);
}

function compactInstant(label: string, value: string | Date): string {
  return toDate(label, value).toISOString().replace(/[-:]/g, '');
}

function toDate(label: string, value: string | Date): Date {
  if (typeof value === 'string' && !ISO_INSTANT_PATTERN.test(value)) {
    throw new InvalidLakeKeyError(
      `${label} must be an ISO-8601 instant with a zone, got ${JSON.stringify(value)}`,
    );
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) {
    throw new InvalidLakeKeyError(`${label} is not a valid instant`);
  }
  return date;
}

function checked(label: string, value: string, pattern: RegExp, expected: string): string {
  if (typeof value === 'string' && pattern.test(value)) return value;
  throw new InvalidLakeKeyError(`${label} must be ${expected}, got ${JSON.stringify(value)}`);
}
