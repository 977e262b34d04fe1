import { planningTime } from './planning-time';

describe('planningTime', () => {
  const base = { now: '2025-03-01T00:00:07.123Z', ingestionStateMachineArn: 'arn' };

  it("prefers the schedule's time", () => {
    expect(planningTime({ ...base, request: { scheduledTime: '2025-03-01T00:00:00Z' } })).toBe(
      Date.UTC(2025, 2, 1),
    );
  });

  it("falls back to the execution's start time", () => {
    expect(planningTime({ ...base, request: {} })).toBe(Date.parse('2025-03-01T00:00:07.123Z'));
  });
});
