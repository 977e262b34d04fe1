import type { SimulatorClock } from './simulated-time';

/** Options of {@link startTimePump}. */
export interface TimePumpOptions {
  readonly clock: SimulatorClock;
  /** Simulated milliseconds added per tick. */
  readonly stepMs: number;
  /** Wall-clock milliseconds between ticks. */
  readonly intervalMs: number;
  /** Runs after every step (the notification queue is pumped here). */
  readonly afterStep?: () => Promise<void>;
  readonly onError?: (error: unknown) => void;
}

/** A running pump; `stop` resolves once the current tick has finished. */
export interface TimePump {
  stop(): Promise<void>;
}

/**
 * Moves simulated time forward while the pipeline waits for something only time brings (a report
 * to finish, its notification): `stepMs` of simulated time every `intervalMs` of wall time.
 */
export function startTimePump(options: TimePumpOptions): TimePump {
  let running = true;
  const loop = (async () => {
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
      if (!running) break;
      try {
        options.clock.advance(options.stepMs);
        await options.afterStep?.();
      } catch (error) {
        options.onError?.(error);
      }
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
