import { reportTypeDefinition } from '@spapi-lake/reports';
import {
  ingestionExecutionArn,
  ingestionExecutionName,
  laneOf,
  toFanOutWindow,
} from './ingestion-execution';
import { planWindows } from './plan-windows';
import { DE, account, at, reportConfig } from './test/fixtures';

const STATE_MACHINE =
  'arn:aws:states:eu-west-1:123456789012:stateMachine:spapi-lake-report-ingestion';

function plannedWindow() {
  const config = reportConfig({
    id: 'orders-by-order-date-with-a-long-config-name',
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    startDate: '2025-01-01',
  });
  const [window] = planWindows({
    reportConfig: config,
    account: account(),
    definition: reportTypeDefinition(config.reportType),
    watermarks: {},
    now: at('2025-01-02T12:00:00Z'),
  }).windows;
  if (window === undefined) throw new Error('no window planned');
  return { config, window };
}

describe('toFanOutWindow', () => {
  it('builds the ingestion input from account, config and window', () => {
    const { config, window } = plannedWindow();
    const fanOut = toFanOutWindow({
      account: account(),
      reportConfig: config,
      window,
      attempt: 2,
      ingestionStateMachineArn: STATE_MACHINE,
    });
    expect(fanOut.input).toEqual({
      sellingPartnerId: 'A1B2C3D4E5F6G7',
      region: 'EU',
      accountType: 'seller',
      reportConfigId: 'orders-by-order-date-with-a-long-config-name',
      reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
      marketplaceIds: [DE],
      window: { start: '2025-01-01T00:00:00Z', end: '2025-01-02T00:00:00Z' },
      dataStartTime: '2025-01-01T00:00:00Z',
      dataEndTime: '2025-01-01T23:59:59Z',
      reportOptions: {},
      awaitNotification: true,
      attempt: 2,
    });
    expect(fanOut.executionArn).toBe(
      `arn:aws:states:eu-west-1:123456789012:execution:spapi-lake-report-ingestion:${fanOut.executionName}`,
    );
    expect(fanOut.previousWatermark).toBeUndefined();
  });

  it('names executions deterministically, validly and per attempt', () => {
    const { config, window } = plannedWindow();
    const build = (attempt: number) =>
      toFanOutWindow({
        account: account(),
        reportConfig: config,
        window,
        attempt,
        ingestionStateMachineArn: STATE_MACHINE,
      });
    const name = build(1).executionName;
    expect(name).toBe(build(1).executionName);
    expect(name).not.toBe(build(2).executionName);
    expect(name).toMatch(/^orders-by-order-date-wit-A1PA6795UKMFR9-20250101-a1-[0-9a-f]{12}$/);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(ingestionExecutionName(build(2).input)).toBe(build(2).executionName);
  });

  it('keys lanes by partner, region, report config and marketplace', () => {
    const { config } = plannedWindow();
    expect(laneOf(account(), config, DE)).toEqual({
      key: 'A1B2C3D4E5F6G7#EU#orders-by-order-date-with-a-long-config-name#A1PA6795UKMFR9',
      sellingPartnerId: 'A1B2C3D4E5F6G7',
      region: 'EU',
      reportConfigId: 'orders-by-order-date-with-a-long-config-name',
      reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
      marketplaceId: DE,
    });
  });

  it('derives execution ARNs from the state machine ARN', () => {
    expect(ingestionExecutionArn('arn:aws-cn:states:cn-north-1:1:stateMachine:sm', 'n')).toBe(
      'arn:aws-cn:states:cn-north-1:1:execution:sm:n',
    );
  });
});
