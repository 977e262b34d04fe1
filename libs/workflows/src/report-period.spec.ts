import { isReportPeriod, nextPeriodStart, periodStart } from './report-period';
import { at } from './test/fixtures';

const iso = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

describe('report periods', () => {
  it('starts weeks on Sunday', () => {
    // 2025-01-05 is a Sunday; 2025-01-11 a Saturday.
    expect(iso(periodStart('WEEK', at('2025-01-11T23:59:59Z')))).toBe('2025-01-05');
    expect(iso(periodStart('WEEK', at('2025-01-05T00:00:00Z')))).toBe('2025-01-05');
    expect(iso(nextPeriodStart('WEEK', at('2025-01-05')))).toBe('2025-01-12');
  });

  it('uses calendar months, quarters and years, across year ends', () => {
    expect(iso(periodStart('MONTH', at('2024-02-29T12:00:00Z')))).toBe('2024-02-01');
    expect(iso(nextPeriodStart('MONTH', at('2024-12-01')))).toBe('2025-01-01');
    expect(iso(periodStart('QUARTER', at('2024-12-31')))).toBe('2024-10-01');
    expect(iso(nextPeriodStart('QUARTER', at('2024-10-01')))).toBe('2025-01-01');
    expect(iso(periodStart('YEAR', at('2024-07-04')))).toBe('2024-01-01');
    expect(iso(nextPeriodStart('YEAR', at('2024-01-01')))).toBe('2025-01-01');
    expect(iso(nextPeriodStart('DAY', at('2024-02-28')))).toBe('2024-02-29');
  });

  it('recognises reportPeriod values', () => {
    expect(isReportPeriod('QUARTER')).toBe(true);
    expect(isReportPeriod('FORTNIGHT')).toBe(false);
  });
});
