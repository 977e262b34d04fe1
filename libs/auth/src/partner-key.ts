import type { Region } from '@spapi-lake/config';

/** One selling partner authorization: a merged account has one refresh token per region. */
export interface PartnerKey {
  readonly sellingPartnerId: string;
  readonly region: Region;
}

/** A stable string id of `partner`, e.g. `A1B2C3@EU`. */
export function partnerKeyId(partner: PartnerKey): string {
  return `${partner.sellingPartnerId}@${partner.region}`;
}
