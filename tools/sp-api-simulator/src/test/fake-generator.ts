import type {
  AmazonGeneratedReport,
  GenerationOutcome,
  ReportGenerator,
  ReportRequestSpec,
} from '../world/reports/report-generator';

/** Report types the fake generator serves. */
export const FAKE_TYPES = {
  listings: 'GET_MERCHANT_LISTINGS_ALL_DATA',
  salesTraffic: 'GET_SALES_AND_TRAFFIC_REPORT',
  orders: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  restricted: 'GET_FLAT_FILE_ORDER_REPORT_DATA_SHIPPING',
  settlement: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
} as const;

const HEADER = 'sku\titem-name\tprice\n';
const SETTLEMENT_PERIOD_MS = 14 * 86_400_000;

/** The rows of a fake TSV document: characters outside ASCII exercise the charsets. */
export function fakeRows(spec: ReportRequestSpec): string[] {
  const count = spec.rowsOverride ?? 3;
  return Array.from(
    { length: count },
    (_, i) => `SKU-${i}\tMüller Café € ${spec.marketplaceIds[0]}\t${i}.99\n`,
  );
}

/**
 * A small, fully controllable generator for the simulator's own tests: `reportOptions.outcome`
 * = `no-data` or `fatal` forces those outcomes; Amazon-generated settlements every 14 days, for
 * sellers only.
 */
export const fakeGenerator: ReportGenerator = {
  requestableReportTypes: [
    FAKE_TYPES.listings,
    FAKE_TYPES.salesTraffic,
    FAKE_TYPES.orders,
    FAKE_TYPES.restricted,
  ],
  amazonGeneratedReportTypes: [FAKE_TYPES.settlement],
  generateReport(spec): GenerationOutcome {
    if (spec.reportOptions['outcome'] === 'no-data') return { kind: 'no-data' };
    if (spec.reportOptions['outcome'] === 'fatal') {
      return { kind: 'fatal', errorDocument: '{"errorDetails":"Simulated failure"}' };
    }
    if (spec.reportType === FAKE_TYPES.salesTraffic) {
      const text = JSON.stringify({
        reportSpecification: { reportType: spec.reportType },
        salesAndTrafficByDate: [],
        salesAndTrafficByAsin: [],
      });
      return { kind: 'document', format: 'json', flatFile: false, rowCount: 0, text: () => [text] };
    }
    const count = spec.rowsOverride ?? 3;
    return {
      kind: 'document',
      format: 'tsv',
      flatFile: true,
      rowCount: count,
      text: function* () {
        yield HEADER;
        for (let i = 0; i < count; i += 1) {
          yield `SKU-${i}\tMüller Café € ${spec.marketplaceIds[0]}\t${i}.99\n`;
        }
      },
    };
  },
  groundTruth: (spec) => ({ format: 'tsv', tables: { rows: fakeRows(spec) } }),
  amazonGeneratedReports(input): AmazonGeneratedReport[] {
    const out: AmazonGeneratedReport[] = [];
    if (input.accountType !== 'seller') return out;
    const from = Date.parse(input.from);
    const to = Date.parse(input.to);
    for (
      let end = Math.ceil(from / SETTLEMENT_PERIOD_MS) * SETTLEMENT_PERIOD_MS;
      end <= to;
      end += SETTLEMENT_PERIOD_MS
    ) {
      const dataStartTime = new Date(end - SETTLEMENT_PERIOD_MS).toISOString();
      const dataEndTime = new Date(end).toISOString();
      out.push({
        reportType: FAKE_TYPES.settlement,
        dataStartTime,
        dataEndTime,
        spec: {
          reportType: FAKE_TYPES.settlement,
          sellingPartnerId: input.sellingPartnerId,
          accountType: 'seller',
          marketplaceIds: input.marketplaceIds.slice(0, 1),
          dataStartTime,
          dataEndTime,
          reportOptions: {},
          seed: input.seed,
        },
      });
    }
    return out;
  },
};
