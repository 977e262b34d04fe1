import type { Clock } from '@spapi-lake/core';
import type { UsedStateStore } from '@spapi-lake/auth';

/**
 * Used states in the memory of one process: enough for the local runner, where one process
 * serves every callback. Entries are dropped once their states have expired.
 */
export class InMemoryUsedStateStore implements UsedStateStore {
  private readonly used = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  async claim(stateId: string, expiresAt: number): Promise<boolean> {
    const now = this.clock.now();
    for (const [id, expiry] of this.used) if (expiry <= now) this.used.delete(id);
    if (this.used.has(stateId)) return false;
    this.used.set(stateId, expiresAt);
    return true;
  }
}
