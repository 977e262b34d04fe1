import type { Clock } from '@spapi-lake/core';

/** Test clock: time moves only through `advance` and `sleep`; `sleep` returns at once and is recorded. */
export class ManualClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(private current = Date.UTC(2025, 0, 1)) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.current += ms;
  }
}
