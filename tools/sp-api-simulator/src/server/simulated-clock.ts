/** The simulator's notion of time: epoch ms that only moves on `advance` (or follows wall time). */
export interface SimulatedClock {
  now(): number;
  advance(ms: number): void;
}

/** Default start of simulated time. */
export const DEFAULT_CLOCK_START = Date.parse('2026-11-01T00:00:00Z');

/**
 * Creates the simulated clock. With `realTime` it follows wall time from `start` (the CLI uses it);
 * `advance` still adds an offset so tests and operators can jump ahead.
 */
export function createSimulatedClock(
  options: { start?: Date | number; realTime?: boolean; wallClock?: () => number } = {},
): SimulatedClock {
  const start =
    options.start === undefined
      ? DEFAULT_CLOCK_START
      : typeof options.start === 'number'
        ? options.start
        : options.start.getTime();
  const wall = options.wallClock ?? (() => Date.now());
  const wallStart = wall();
  let offset = 0;
  return {
    now: () => start + offset + (options.realTime === true ? wall() - wallStart : 0),
    advance: (ms: number) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance needs a non-negative ms');
      offset += ms;
    },
  };
}
