import { formatAmzDate } from './amz-date';

describe('formatAmzDate', () => {
  it('writes basic ISO 8601 in UTC', () => {
    expect(formatAmzDate(Date.UTC(2019, 3, 30, 12, 36, 0, 999))).toBe('20190430T123600Z');
  });
});
