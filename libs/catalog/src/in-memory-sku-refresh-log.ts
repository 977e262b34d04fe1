import type { SkuKey, SkuRefreshLog } from './refresh-ports';

/** The SKU refresh log of one process (the local runner and tests). */
export class InMemorySkuRefreshLog implements SkuRefreshLog {
  private readonly fetched = new Map<string, number>();

  async lastFetchedAt(key: SkuKey): Promise<number | undefined> {
    return this.fetched.get(idOf(key));
  }

  async recordFetched(key: SkuKey, fetchedAt: number): Promise<void> {
    const id = idOf(key);
    this.fetched.set(id, Math.max(this.fetched.get(id) ?? -Infinity, fetchedAt));
  }
}

function idOf(key: SkuKey): string {
  return JSON.stringify([key.sellingPartnerId, key.marketplaceId, key.sku]);
}
