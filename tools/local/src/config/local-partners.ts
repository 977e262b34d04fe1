import type { SimulatorCredentials } from '@spapi-lake/sp-api-simulator';

/** Names `--partners` accepts for the three partners of the simulator's default world. */
export const LocalPartnerAlias = {
  NaSeller: 'na-seller',
  EuSeller: 'eu-seller',
  Vendor: 'vendor',
} as const;
export type LocalPartnerAlias = (typeof LocalPartnerAlias)[keyof typeof LocalPartnerAlias];

/** One partner the local run ingests, with the refresh token the token broker stores for it. */
export interface LocalPartner {
  readonly alias: LocalPartnerAlias;
  readonly sellingPartnerId: string;
  readonly accountType: 'seller' | 'vendor';
  readonly region: 'NA' | 'EU' | 'FE';
  readonly marketplaceIds: readonly string[];
  readonly refreshToken: string;
  readonly displayName: string;
}

const DESCRIPTIONS: Record<
  LocalPartnerAlias,
  { accountType: string; region: string; name: string }
> = {
  'na-seller': { accountType: 'seller', region: 'NA', name: 'Seller US+CA' },
  'eu-seller': { accountType: 'seller', region: 'EU', name: 'Seller DE+FR (Cp1252)' },
  vendor: { accountType: 'vendor', region: 'NA', name: 'Vendor US' },
};

/**
 * The default world's three partners (a seller in US+CA, a seller in DE+FR whose flat files come
 * in Cp1252, a vendor in US), narrowed to `selection` (aliases or selling partner ids; all when
 * empty). Throws naming what does not match.
 */
export function localPartners(
  credentials: SimulatorCredentials,
  selection: readonly string[] = [],
): LocalPartner[] {
  const partners = (Object.keys(DESCRIPTIONS) as LocalPartnerAlias[]).map((alias) => {
    const description = DESCRIPTIONS[alias];
    const found = credentials.partners.find(
      (p) => p.accountType === description.accountType && p.region === description.region,
    );
    if (found === undefined) throw new Error(`the simulator has no ${alias}`);
    return {
      alias,
      sellingPartnerId: found.sellingPartnerId,
      accountType: found.accountType,
      region: found.region,
      marketplaceIds: found.marketplaceIds,
      refreshToken: found.refreshToken,
      displayName: description.name,
    };
  });
  if (selection.length === 0) return partners;
  const unknown = selection.filter(
    (name) => !partners.some((p) => p.alias === name || p.sellingPartnerId === name),
  );
  if (unknown.length > 0) {
    throw new Error(
      `unknown partner ${unknown.join(', ')}: use ${partners.map((p) => p.alias).join(', ')} or their ids`,
    );
  }
  return partners.filter(
    (p) => selection.includes(p.alias) || selection.includes(p.sellingPartnerId),
  );
}
