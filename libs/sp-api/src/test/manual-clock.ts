import type { Clock } from '@spapi-lake/core';

/** A Clock for specs: `sleep` records the wait and advances time instantly. */
export class ManualClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private time = Date.UTC(2019, 3, 30, 12, 36, 0)) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += Math.max(0, ms);
  }

  /** Lets time pass without anybody sleeping. */
  advance(ms: number): void {
    this.time += ms;
  }
}
