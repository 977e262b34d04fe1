import { nextPollDelaySeconds } from './poll-delay';

describe('nextPollDelaySeconds', () => {
  it('doubles from the first delay up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 100].map((count) => nextPollDelaySeconds(count, 900))).toEqual([
      30, 60, 120, 240, 480, 900, 900, 900,
    ]);
  });

  it('honours a custom first delay and never waits less than a second', () => {
    expect(nextPollDelaySeconds(2, 900, 5)).toBe(10);
    expect(nextPollDelaySeconds(0, 0)).toBe(1);
  });
});
