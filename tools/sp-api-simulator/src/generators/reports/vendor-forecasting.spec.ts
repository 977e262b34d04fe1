import { generateReport } from '../generate-report';
import { missingOptionsDetails } from '../report-definition';
import {
  DE,
  US,
  documentText,
  reportSchemaValidator,
  schemaErrors,
  tableOf,
  vendorAsinsIn,
  vendorRequest,
} from '../test-support';
import { FORECAST_WEEKS } from './vendor-forecasting';

const REPORT_TYPE = 'GET_VENDOR_FORECASTING_REPORT';
const validate = reportSchemaValidator(REPORT_TYPE);
const request = vendorRequest(REPORT_TYPE, { start: '2026-09-01', end: '2026-10-01' });
// Wednesday 2026-10-14: the forecast of Sunday 2026-10-11.
const spec = (options: Record<string, string>, requestTime = '2026-10-14T09:30:00Z') =>
  request(options, undefined, undefined, { requestTime });
const retail = { sellingProgram: 'RETAIL' };

describe(REPORT_TYPE, () => {
  it.each([[retail], [{ sellingProgram: 'FRESH' }]])(
    'is valid against the official schema for %j',
    (options) => {
      const report: unknown = JSON.parse(documentText(generateReport(spec(options))));
      expect(schemaErrors(validate, report)).toEqual([]);
      expect(report).toEqual(
        expect.objectContaining({
          reportSpecification: {
            reportType: REPORT_TYPE,
            reportOptions: options,
            lastUpdatedDate: '2026-10-11',
            marketplaceIds: [US],
          },
        }),
      );
    },
  );

  it('forecasts the generation week and the 26 weeks after it for each listed ASIN', () => {
    const rows = tableOf(spec(retail), 'forecast_by_asin');
    const asins = vendorAsinsIn(US);
    expect(rows).toHaveLength(asins.length * FORECAST_WEEKS);
    expect([...new Set(rows.map((row) => row['asin']))]).toEqual(asins);
    const first = rows.slice(0, FORECAST_WEEKS);
    expect(first.map((row) => row['forecastGenerationDate'])).toEqual(
      first.map(() => '2026-10-11'),
    );
    expect(first[0]).toMatchObject({ startDate: '2026-10-11', endDate: '2026-10-17' });
    expect(first[FORECAST_WEEKS - 1]).toMatchObject({
      startDate: '2027-04-11',
      endDate: '2027-04-17',
    });
    for (const row of rows) {
      const units = ['mean', 'p70', 'p80', 'p90'].map((q) => Number(row[`${q}ForecastUnits`]));
      expect(units.every((value) => value >= 0 && Math.round(value * 10) / 10 === value)).toBe(
        true,
      );
      expect([...units].sort((a, b) => a - b)).toEqual(units);
    }
    expect(rows.some((row) => Number(row['meanForecastUnits']) > 20)).toBe(true);
  });

  it('ignores the window: requests of the same week (Sunday to Saturday) get the same forecast', () => {
    const text = documentText(generateReport(spec(retail)));
    expect(documentText(generateReport(spec(retail, '2026-10-11T00:00:01Z')))).toBe(text);
    expect(
      documentText(
        generateReport(
          request(retail, '2025-03-01', '2025-03-02', { requestTime: '2026-10-17T23:59:59Z' }),
        ),
      ),
    ).toBe(text);
    expect(documentText(generateReport(spec(retail, '2026-10-18T00:00:00Z')))).not.toBe(text);
    // Without a request time (direct generator calls), dataEndTime stands in for it.
    expect(documentText(generateReport(request(retail, undefined, '2026-10-14')))).toBe(text);
  });

  it('fails without a valid sellingProgram, with several marketplaces and for sellers', () => {
    expect(generateReport(spec({}))).toEqual({
      kind: 'fatal',
      errorDocument: JSON.stringify({ errorDetails: missingOptionsDetails(['sellingProgram']) }),
    });
    expect(generateReport(spec({ sellingProgram: 'BUSINESS' }))).toEqual({
      kind: 'fatal',
      errorDocument: JSON.stringify({
        errorDetails: 'Invalid reportOption value. Valid values: sellingProgram RETAIL, FRESH.',
      }),
    });
    expect(generateReport({ ...spec(retail), marketplaceIds: [US, DE] }).kind).toBe('fatal');
    expect(generateReport({ ...spec(retail), accountType: 'seller' }).kind).toBe('fatal');
  });

  it("has no data before the world's history, or with rowsOverride 0", () => {
    expect(generateReport(spec(retail, '2024-12-31T12:00:00Z'))).toEqual({ kind: 'no-data' });
    expect(generateReport({ ...spec(retail), rowsOverride: 0 })).toEqual({ kind: 'no-data' });
  });

  it('takes rowsOverride as the number of rows, beyond the listed ASINs', () => {
    const listed = vendorAsinsIn(US);
    const rowsOverride = (listed.length + 2) * FORECAST_WEEKS + 5;
    const rows = tableOf({ ...spec(retail), rowsOverride }, 'forecast_by_asin');
    expect(rows).toHaveLength(rowsOverride);
    const asins = [...new Set(rows.map((row) => row['asin']))];
    expect(asins).toHaveLength(listed.length + 3);
    expect(asins.slice(0, listed.length)).toEqual(listed);
  });
});
