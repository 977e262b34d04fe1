import { lookbackDaysOf } from './report-type-definition';
import { reportTypeDefinition, reportTypeDefinitions } from './report-type-registry';

const limited = reportTypeDefinitions.filter(
  (definition) => definition.window.maxLookbackDays !== undefined,
);

describe('report type registry: lookback limits', () => {
  it('limits exactly the types whose limit Amazon states, to what it states', () => {
    // Orders: SPAPI.md 5.1 (report-type-values-order); Sales and Traffic: its report schema;
    // vendor sales: an Amazon Solutions Architect (amzn/selling-partner-api-models#508); net pure
    // product margin: Amazon's 2021 docs (SPAPI.md).
    expect(
      Object.fromEntries(limited.map((d) => [d.reportType, d.window.maxLookbackDays])),
    ).toEqual({
      GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL: 730,
      GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL: 730,
      GET_SALES_AND_TRAFFIC_REPORT: 730,
      GET_VENDOR_SALES_REPORT: 1460,
      GET_VENDOR_NET_PURE_PRODUCT_MARGIN_REPORT: 1460,
    });
  });

  it("limits a period's windows by the period's own lookback where Amazon states one", () => {
    const margin = reportTypeDefinition('GET_VENDOR_NET_PURE_PRODUCT_MARGIN_REPORT').window;
    expect(
      ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR', undefined].map((period) =>
        lookbackDaysOf(margin, period),
      ),
    ).toEqual([1460, 56, 1095, 730, 1095, 1460]);
    const sales = reportTypeDefinition('GET_VENDOR_SALES_REPORT').window;
    expect(lookbackDaysOf(sales, 'WEEK')).toBe(1460);
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
