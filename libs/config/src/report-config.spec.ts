import { ConfigurationError } from './errors';
import { parseReportConfigEntries, parseReportConfigs } from './report-config';

const orders = {
  id: 'orders-by-last-update',
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
  accountTypes: ['seller'],
  windowDays: 1,
  schedule: 'daily',
};
const vendorSales = {
  id: 'vendor-sales-weekly',
  reportType: 'GET_VENDOR_SALES_REPORT',
  accountTypes: ['vendor'],
  period: 'WEEK',
  lagHours: 72,
  reportOptions: {
    reportPeriod: 'WEEK',
    distributorView: 'MANUFACTURING',
    sellingProgram: 'RETAIL',
  },
  schedule: 'cron(0 6 ? * MON *)',
  startDate: '2025-01-05',
};

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

const parseOne = (config: object) => parseReportConfigs([config], 'REPORT_CONFIGS');

describe('parseReportConfigs', () => {
  it('applies the defaults: enabled, no lag', () => {
    expect(parseReportConfigs([orders])).toEqual([{ ...orders, lagHours: 0, enabled: true }]);
  });

  it('keeps a period-aligned config with its options', () => {
    expect(parseReportConfigs(JSON.stringify([vendorSales]))).toEqual([
      { ...vendorSales, enabled: true },
    ]);
  });

  it('rejects non-string reportOptions values and names the option', () => {
    const message = messageOf(() =>
      parseOne({ ...orders, reportOptions: { custom: true, limit: 30, ok: 'true' } }),
    );
    expect(message).toContain('REPORT_CONFIGS[0].reportOptions.custom: must be a string');
    expect(message).toContain('REPORT_CONFIGS[0].reportOptions.limit: must be a string');
    expect(message).toContain('write "true", not true');
    expect(message).not.toContain('reportOptions.ok');
  });

  it('rejects a malformed id or report type', () => {
    const message = messageOf(() =>
      parseOne({ ...orders, id: 'Orders_Daily', reportType: 'get_orders' }),
    );
    expect(message).toContain('REPORT_CONFIGS[0].id: must be a slug');
    expect(message).toContain('REPORT_CONFIGS[0].reportType: must be an SP-API report type');
  });

  it('requires exactly one of windowDays and period', () => {
    const { windowDays: _windowDays, ...neither } = orders;
    expect(messageOf(() => parseOne(neither))).toContain(
      'REPORT_CONFIGS[0].windowDays: set exactly one of windowDays (rolling windows) or period',
    );
    expect(messageOf(() => parseOne({ ...orders, period: 'DAY' }))).toContain(
      'REPORT_CONFIGS[0].period: set exactly one of windowDays',
    );
  });

  it('validates window sizes and lag as whole numbers', () => {
    const message = messageOf(() => parseOne({ ...orders, windowDays: 0, lagHours: 1.5 }));
    expect(message).toContain('REPORT_CONFIGS[0].windowDays: must be at least 1');
    expect(message).toContain('REPORT_CONFIGS[0].lagHours: must be a whole number of hours');
    expect(messageOf(() => parseOne({ ...orders, lagHours: -1 }))).toContain(
      'REPORT_CONFIGS[0].lagHours:',
    );
    expect(messageOf(() => parseOne({ ...orders, windowDays: '7' }))).toContain(
      'REPORT_CONFIGS[0].windowDays: must be a whole number of days',
    );
  });

  it('keeps maxWindowDays at least windowDays and only for rolling windows', () => {
    expect(parseOne({ ...orders, windowDays: 7, maxWindowDays: 30 })[0]?.maxWindowDays).toBe(30);
    expect(messageOf(() => parseOne({ ...orders, windowDays: 7, maxWindowDays: 3 }))).toContain(
      'REPORT_CONFIGS[0].maxWindowDays: must be at least windowDays (7)',
    );
    expect(messageOf(() => parseOne({ ...vendorSales, maxWindowDays: 3 }))).toContain(
      'REPORT_CONFIGS[0].maxWindowDays: applies to windowDays configs only',
    );
  });

  it('requires reportOptions.reportPeriod to agree with period', () => {
    expect(
      messageOf(() =>
        parseOne({
          ...vendorSales,
          reportOptions: { ...vendorSales.reportOptions, reportPeriod: 'DAY' },
        }),
      ),
    ).toContain('REPORT_CONFIGS[0].reportOptions.reportPeriod: must equal period "WEEK"');
  });

  it('validates account types, marketplaces, schedule and start date', () => {
    const message = messageOf(() =>
      parseOne({
        ...orders,
        accountTypes: ['seller', 'seller'],
        marketplaceIds: ['NOPE'],
        schedule: 'every day',
        startDate: '2025-02-30',
        enabled: 'yes',
      }),
    );
    expect(message).toContain('REPORT_CONFIGS[0].accountTypes: must not repeat an account type');
    expect(message).toContain('REPORT_CONFIGS[0].marketplaceIds[0]: unknown marketplace id "NOPE"');
    expect(message).toContain(
      'REPORT_CONFIGS[0].schedule: must be one of hourly, daily, weekly, monthly',
    );
    expect(message).toContain('REPORT_CONFIGS[0].startDate: must be an ISO date (YYYY-MM-DD)');
    expect(message).toContain('REPORT_CONFIGS[0].enabled: Invalid input: expected boolean');
    expect(messageOf(() => parseOne({ ...orders, accountTypes: [] }))).toContain(
      'REPORT_CONFIGS[0].accountTypes: must list at least one account type',
    );
  });

  it("accepts a start date further back than any report type's lookback (planning clamps it)", () => {
    expect(parseOne({ ...orders, startDate: '2015-01-01' })[0]?.startDate).toBe('2015-01-01');
  });

  it('accepts a marketplace override spanning regions', () => {
    expect(
      parseOne({ ...orders, marketplaceIds: ['ATVPDKIKX0DER', 'A1PA6795UKMFR9'] })[0]
        ?.marketplaceIds,
    ).toEqual(['ATVPDKIKX0DER', 'A1PA6795UKMFR9']);
  });

  it('rejects unknown keys and missing required keys', () => {
    const { schedule: _schedule, ...withoutSchedule } = orders;
    const message = messageOf(() => parseOne({ ...withoutSchedule, windowDay: 1 }));
    expect(message).toContain('REPORT_CONFIGS[0].windowDay: unknown key');
    expect(message).toContain('REPORT_CONFIGS[0].schedule: required');
  });

  it('rejects duplicate ids', () => {
    expect(messageOf(() => parseReportConfigs([orders, vendorSales, orders]))).toContain(
      'reportConfigs[2].id: duplicate id "orders-by-last-update" (first at index 0)',
    );
  });
});

describe('parseReportConfigEntries', () => {
  it('keeps the valid configs and rejects a bad one with its located issues', () => {
    const { configs, rejected } = parseReportConfigEntries(
      JSON.stringify([orders, { ...vendorSales, lagHours: -1 }, { reportType: 'X' }]),
      'REPORT_CONFIGS',
    );
    expect(configs.map((config) => config.id)).toEqual(['orders-by-last-update']);
    expect(rejected.map(({ index, id }) => ({ index, id }))).toEqual([
      { index: 1, id: 'vendor-sales-weekly' },
      { index: 2, id: undefined },
    ]);
    expect(rejected[0]?.error).toBeInstanceOf(ConfigurationError);
    expect(rejected[0]?.error.message).toContain('REPORT_CONFIGS[1].lagHours');
    expect(rejected[1]?.error.message).toContain('REPORT_CONFIGS[2].id: required');
  });

  it('rejects every config sharing an id: which one was meant is unknown', () => {
    const { configs, rejected } = parseReportConfigEntries([
      orders,
      vendorSales,
      { ...orders, windowDays: 2 },
    ]);
    expect(configs.map((config) => config.id)).toEqual(['vendor-sales-weekly']);
    expect(rejected.map(({ index }) => index)).toEqual([0, 2]);
    expect(rejected[1]?.error.message).toContain(
      'reportConfigs[2].id: id "orders-by-last-update" is not unique',
    );
  });

  it('still throws for a document that is not JSON or not a list', () => {
    expect(messageOf(() => parseReportConfigEntries('[{', 'REPORT_CONFIGS'))).toContain(
      'REPORT_CONFIGS: not valid JSON',
    );
    expect(() => parseReportConfigEntries({ id: 'x' })).toThrow(ConfigurationError);
  });
});
