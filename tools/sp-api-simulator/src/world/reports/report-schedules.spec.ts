import { addPeriod, dueScheduledRuns, sameMarketplaces } from './report-schedules';

const at = (iso: string) => Date.parse(iso);

describe('report schedules', () => {
  it.each([
    ['PT5M', '2026-11-01T00:05:00.000Z'],
    ['PT1H', '2026-11-01T01:00:00.000Z'],
    ['PT84H', '2026-11-04T12:00:00.000Z'],
    ['P1D', '2026-11-02T00:00:00.000Z'],
    ['P30D', '2026-12-01T00:00:00.000Z'],
    ['P1M', '2026-12-01T00:00:00.000Z'],
  ])('adds %s', (period, expected) => {
    expect(new Date(addPeriod(at('2026-11-01T00:00:00Z'), period)).toISOString()).toBe(expected);
  });

  it('subtracts calendar months', () => {
    expect(new Date(addPeriod(at('2026-03-01T00:00:00Z'), 'P1M', -1)).toISOString()).toBe(
      '2026-02-01T00:00:00.000Z',
    );
  });

  it('creates one run per elapsed period and moves the schedule on', () => {
    const schedule = {
      reportScheduleId: '1',
      sellingPartnerId: 'A',
      reportType: 'T',
      marketplaceIds: ['M'],
      reportOptions: {},
      period: 'P1D',
      nextReportCreationTime: at('2026-11-01T00:00:00Z'),
    };
    const runs = dueScheduledRuns([schedule], at('2026-11-03T00:00:00Z'));
    expect(
      runs.map((r) => [
        new Date(r.dataStartTime).toISOString(),
        new Date(r.createdTime).toISOString(),
      ]),
    ).toEqual([
      ['2026-10-31T00:00:00.000Z', '2026-11-01T00:00:00.000Z'],
      ['2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z'],
      ['2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z'],
    ]);
    expect(new Date(schedule.nextReportCreationTime).toISOString()).toBe(
      '2026-11-04T00:00:00.000Z',
    );
  });

  it('compares marketplace sets regardless of order', () => {
    expect(sameMarketplaces(['A', 'B'], ['B', 'A'])).toBe(true);
    expect(sameMarketplaces(['A'], ['A', 'B'])).toBe(false);
  });
});
