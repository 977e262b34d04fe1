import { simulatedClock, slowedClock } from './simulated-time';

function fakeSimulator(start: number) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('simulatedClock', () => {
  it('sleeps by moving simulated time, not by waiting', async () => {
    const sim = fakeSimulator(1_000);
    const clock = simulatedClock(sim);
    const started = Date.now();
    await clock.sleep(3_600_000);
    expect(clock.now()).toBe(3_601_000);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('slowedClock', () => {
  it('counts elapsed time at the given rate from its creation', () => {
    const sim = fakeSimulator(10_000);
    const base = simulatedClock(sim);
    const slow = slowedClock(base, 0.5);
    sim.advance(60_000);
    expect(slow.now()).toBe(40_000);
    expect(base.now()).toBe(70_000);
  });
});
