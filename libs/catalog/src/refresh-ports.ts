import type { Region } from '@spapi-lake/config';

/** A selling partner's authorisation in one region, as the account configuration holds it. */
export interface PartnerAccount {
  readonly sellingPartnerId: string;
  readonly region: Region;
  readonly accountType: 'seller' | 'vendor';
  readonly marketplaceIds: readonly string[];
}

/** Port: the configured accounts of a partner (SSM on AWS, a list locally). */
export interface PartnerDirectory {
  /** Every region the partner is authorised in; empty when it is unknown. */
  accountsOf(sellingPartnerId: string): Promise<readonly PartnerAccount[]>;
}

/** One SKU of a partner in one marketplace. */
export interface SkuKey {
  readonly sellingPartnerId: string;
  readonly marketplaceId: string;
  readonly sku: string;
}

/**
 * Port: when each SKU was last fetched (DynamoDB on AWS, memory locally), so a notification whose
 * change an earlier fetch already saw costs no call: bursts spread over several queue batches
 * coalesce too.
 */
export interface SkuRefreshLog {
  lastFetchedAt(key: SkuKey): Promise<number | undefined>;
  /** Records a fetch; an older `fetchedAt` than the one stored changes nothing. */
  recordFetched(key: SkuKey, fetchedAt: number): Promise<void>;
}
