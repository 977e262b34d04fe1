import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { groundTruth } from './generate-report';
import { listedProducts } from './listings';
import { findMarketplace } from './marketplaces';
import type { GenerationOutcome, ReportRequestSpec } from './types';

/** Shared by the generator specs: request builders, document readers and schema validators. */
export const US = 'ATVPDKIKX0DER';
export const CA = 'A2EUQ1WTGCTBG2';
export const DE = 'A1PA6795UKMFR9';
export const FR = 'A13V1IB3VIYZZH';
export const JP = 'A1VC38T7YXB528';

/** A seller request for the orders report over 2026-10-05 .. 2026-10-06 (exclusive) in the US. */
export function sellerSpec(overrides: Partial<ReportRequestSpec> = {}): ReportRequestSpec {
  return {
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    sellingPartnerId: 'A3SELLER0EXAMPLE',
    accountType: 'seller',
    marketplaceIds: [US],
    dataStartTime: '2026-10-05T00:00:00Z',
    dataEndTime: '2026-10-06T00:00:00Z',
    reportOptions: {},
    seed: 7,
    ...overrides,
  };
}

/** The ASINs `sellerSpec`'s partner lists in a marketplace. */
export function sellerAsinsIn(marketplaceId: string): readonly string[] {
  const marketplace = findMarketplace(marketplaceId);
  if (marketplace === undefined) throw new Error(`unknown marketplace ${marketplaceId}`);
  return listedProducts(7, 'A3SELLER0EXAMPLE', marketplace).map((product) => product.asin);
}

/**
 * Request builder of a Brand Analytics report for `sellerSpec`'s partner in one marketplace:
 * options, then the window (default `start`..`end`) and other overrides.
 */
export function brandAnalyticsRequest(
  reportType: string,
  defaults: { readonly start: string; readonly end: string; readonly marketplaceId: string },
) {
  return (
    reportOptions: Record<string, string>,
    start = defaults.start,
    end = defaults.end,
    overrides: Partial<ReportRequestSpec> = {},
  ): ReportRequestSpec =>
    sellerSpec({
      reportType,
      reportOptions,
      dataStartTime: start,
      dataEndTime: end,
      marketplaceIds: [defaults.marketplaceId],
      ...overrides,
    });
}

/** The vendor of the vendor report specs. */
export const VENDOR_ID = 'amzn1.vg.5550001';

/**
 * Request builder of a vendor report for `VENDOR_ID` in the US: options, then the window (default
 * `start`..`end`) and other overrides.
 */
export function vendorRequest(
  reportType: string,
  defaults: { readonly start: string; readonly end: string },
) {
  return (
    reportOptions: Record<string, string>,
    start = defaults.start,
    end = defaults.end,
    overrides: Partial<ReportRequestSpec> = {},
  ): ReportRequestSpec =>
    sellerSpec({
      reportType,
      sellingPartnerId: VENDOR_ID,
      accountType: 'vendor',
      reportOptions,
      dataStartTime: start,
      dataEndTime: end,
      marketplaceIds: [US],
      ...overrides,
    });
}

/** The ASINs `VENDOR_ID` lists in a marketplace, in catalog order. */
export function vendorAsinsIn(marketplaceId: string): readonly string[] {
  const marketplace = findMarketplace(marketplaceId);
  if (marketplace === undefined) throw new Error(`unknown marketplace ${marketplaceId}`);
  return listedProducts(7, VENDOR_ID, marketplace).map((product) => product.asin);
}

/** One ground-truth table of a JSON report as an array (empty when the report has none). */
export function tableOf(request: ReportRequestSpec, table: string): Record<string, unknown>[] {
  return [...(groundTruth(request).tables[table] ?? [])];
}

/** The ground truth of a Brand Analytics report: its `dataByAsin` records. */
export function dataByAsin(request: ReportRequestSpec): Record<string, unknown>[] {
  return tableOf(request, 'data_by_asin');
}

/** The whole text of a document outcome (throws for no-data and fatal outcomes). */
export function documentText(outcome: GenerationOutcome): string {
  if (outcome.kind !== 'document') throw new Error(`expected a document, got ${outcome.kind}`);
  return [...outcome.text()].join('');
}

/** Header and rows of a TSV document (line ending `eol`, trailing line ending included). */
export function parseTsv(
  text: string,
  eol: '\n' | '\r\n' = '\n',
): { header: string[]; rows: string[][] } {
  const lines = text.split(eol);
  if (lines.pop() !== '') throw new Error('document does not end with a line ending');
  const [headerLine, ...rest] = lines;
  return { header: (headerLine ?? '').split('\t'), rows: rest.map((line) => line.split('\t')) };
}

/** A draft-07 validator for the official JSON report schema of `reportType`. */
/**
 * The validator of a report type's official schema, closed: an object may hold only the
 * properties its schema names (the schemas leave `additionalProperties` open, so a field the
 * report type does not have would otherwise pass).
 */
export function reportSchemaValidator(reportType: string): ValidateFunction {
  const file = path.resolve(
    __dirname,
    '../../../../models/spapi',
    `report-schema_${reportType}.json`,
  );
  const schema = closed(JSON.parse(readFileSync(file, 'utf8'))) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** Schema errors of a document (an empty list when it is valid). */
export function schemaErrors(validate: ValidateFunction, document: unknown): unknown[] {
  return validate(document) ? [] : [...(validate.errors ?? [{ message: 'invalid' }])];
}

// Every object schema with `properties` and no `additionalProperties` of its own, closed.
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (typeof node !== 'object' || node === null) return node;
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, closed(value)]));
  if ('properties' in copy && !('additionalProperties' in copy))
    copy['additionalProperties'] = false;
  return copy;
}
