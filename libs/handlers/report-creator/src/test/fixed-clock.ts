import type { Clock } from '@spapi-lake/core';

/** A clock that moves only when told to. */
export class FixedClock implements Clock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  async sleep(ms: number): Promise<void> {
    this.current += ms;
  }

  /** Moves the clock forward. */
  advance(ms: number): void {
    this.current += ms;
  }
}
