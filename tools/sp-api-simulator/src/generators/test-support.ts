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

/** The ground truth of a Brand Analytics report: its `dataByAsin` records. */
export function dataByAsin(request: ReportRequestSpec): Record<string, unknown>[] {
  return [...(groundTruth(request).tables['data_by_asin'] ?? [])];
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
export function reportSchemaValidator(reportType: string): ValidateFunction {
  const file = path.resolve(
    __dirname,
    '../../../../models/spapi',
    `report-schema_${reportType}.json`,
  );
  const schema: object = JSON.parse(readFileSync(file, 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** Schema errors of a document (an empty list when it is valid). */
export function schemaErrors(validate: ValidateFunction, document: unknown): unknown[] {
  return validate(document) ? [] : [...(validate.errors ?? [{ message: 'invalid' }])];
}
