import { DEFAULT_CLOCK_START, createSimulatedClock } from './simulated-clock';

describe('simulated clock', () => {
  it('starts at 2026-11-01 by default and moves only on advance', () => {
    const clock = createSimulatedClock();
    expect(clock.now()).toBe(DEFAULT_CLOCK_START);
    expect(new Date(DEFAULT_CLOCK_START).toISOString()).toBe('2026-11-01T00:00:00.000Z');
    clock.advance(1500);
    expect(clock.now()).toBe(DEFAULT_CLOCK_START + 1500);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('follows wall time from the start when realTime is set', () => {
    let wall = 1_000;
    const clock = createSimulatedClock({
      start: new Date('2026-01-01T00:00:00Z'),
      realTime: true,
      wallClock: () => wall,
    });
    wall += 250;
    clock.advance(1_000);
    expect(clock.now()).toBe(Date.parse('2026-01-01T00:00:01.250Z'));
  });
});
