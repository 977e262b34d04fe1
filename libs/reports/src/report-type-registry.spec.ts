import { reportTypeDefinitions } from './report-type-registry';

const limited = reportTypeDefinitions.filter(
  (definition) => definition.window.maxLookbackDays !== undefined,
);

describe('report type registry: lookback limits', () => {
  it('limits exactly the types whose limit Amazon states, to what it states', () => {
    // Orders: SPAPI.md 5.1 (report-type-values-order); Sales and Traffic: its report schema;
    // vendor sales: an Amazon Solutions Architect (amzn/selling-partner-api-models#508).
    expect(
      Object.fromEntries(limited.map((d) => [d.reportType, d.window.maxLookbackDays])),
    ).toEqual({
      GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL: 730,
      GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL: 730,
      GET_SALES_AND_TRAFFIC_REPORT: 730,
      GET_VENDOR_SALES_REPORT: 1460,
    });
  });

  it('gives a lookback only to requested types that take dates, where planning applies it', () => {
    for (const definition of limited) {
      expect([definition.reportType, definition.requestable, definition.window.snapshot]).toEqual([
        definition.reportType,
        true,
        false,
      ]);
    }
  });
});

describe('report type registry: header aliases', () => {
  it("never names another column's header, or one header twice, so no field fills two columns", () => {
    for (const definition of reportTypeDefinitions) {
      for (const dataset of definition.datasets) {
        const headers = dataset.columns.flatMap((column) => [
          column.source,
          ...(column.aliases ?? []),
        ]);
        expect([dataset.name, new Set(headers).size]).toEqual([dataset.name, headers.length]);
      }
    }
  });
});
