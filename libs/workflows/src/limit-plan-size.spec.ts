import { reportTypeDefinition } from '@spapi-lake/reports';
import type { FanOutLane } from './fan-out-contract';
import { DEFAULT_MAX_PLAN_BYTES, limitPlanSize } from './limit-plan-size';
import { planLanes } from './plan-lanes';
import { DE, FR, account, at, reportConfig } from './test/fixtures';

const ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:spapi-lake-report-ingestion';

function backfillLanes(sellers: number): FanOutLane[] {
  const config = reportConfig({
    id: 'orders',
    reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
    startDate: '2024-10-01',
  });
  return Array.from({ length: sellers }, (_, index) =>
    planLanes({
      account: account({ sellingPartnerId: `SELLER${index}`, marketplaceIds: [DE, FR] }),
      reportConfig: config,
      definition: reportTypeDefinition(config.reportType),
      laneState: () => undefined,
      now: at('2025-01-01T02:00:00Z'),
      ingestionStateMachineArn: ARN,
    }),
  ).flatMap((plan) => plan.lanes);
}

const bytes = (lanes: readonly FanOutLane[]) => JSON.stringify({ lanes }).length;

describe('limitPlanSize', () => {
  it('keeps a plan that fits as it is', () => {
    const lanes = backfillLanes(2);
    expect(limitPlanSize(lanes)).toEqual(lanes);
  });

  it('drops the last windows of the longest lanes until the plan fits', () => {
    const lanes = backfillLanes(40);
    expect(bytes(lanes)).toBeGreaterThan(DEFAULT_MAX_PLAN_BYTES);

    const limited = limitPlanSize(lanes);
    expect(bytes(limited)).toBeLessThanOrEqual(DEFAULT_MAX_PLAN_BYTES);
    expect(limited).toHaveLength(lanes.length);
    limited.forEach((lane, index) => {
      const original = lanes[index]?.windows ?? [];
      expect(lane.windows).toEqual(original.slice(0, lane.windows.length));
      expect(lane.windows.length).toBeGreaterThan(0);
    });
    const counts = limited.map((lane) => lane.windows.length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });

  it('drops whole lanes when even one window each is too much', () => {
    const limited = limitPlanSize(backfillLanes(3), 2_000);
    expect(bytes(limited)).toBeLessThanOrEqual(2_000);
    expect(limited.every((lane) => lane.windows.length > 0)).toBe(true);
  });

  it('drops the lanes that run last first, when all are down to one window', () => {
    const lanes = backfillLanes(3);
    const limited = limitPlanSize(lanes, 2_000);
    const keys = limited.map((lane) => lane.lane.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys).toEqual(lanes.slice(0, keys.length).map((lane) => lane.lane.key));
  });
});
