import type { AccountInput, AccountStatus, AccountType, MarketplaceId } from '@spapi-lake/config';
import type { PartnerKey } from './partner-key';

/** What a completed authorization contributes to the account list. */
export interface AuthorizedAccount extends PartnerKey {
  readonly accountType: AccountType;
  readonly marketplaceIds: readonly MarketplaceId[];
  /**
   * Whether the partner chose `marketplaceIds` (our authorization page) or they only stand for
   * every marketplace of the Central site (the Appstore): those are a new account's only, an
   * existing account keeps the marketplaces operators gave it.
   */
  readonly marketplacesChosen: boolean;
  readonly refreshTokenSecretRef: string;
  /** ISO 8601 date-time. */
  readonly authorizedAt: string;
}

function isPartner(account: AccountInput, partner: PartnerKey): boolean {
  return account.sellingPartnerId === partner.sellingPartnerId && account.region === partner.region;
}

/**
 * The account list with `authorized` added, or its entry refreshed: secret reference and
 * authorization time replaced, chosen marketplaces merged, status back to `active` unless an
 * operator disabled the account. Idempotent.
 */
export function withAuthorizedAccount(
  accounts: readonly AccountInput[],
  authorized: AuthorizedAccount,
): AccountInput[] {
  const existing = accounts.find((account) => isPartner(account, authorized));
  if (existing === undefined) {
    return [
      ...accounts,
      {
        sellingPartnerId: authorized.sellingPartnerId,
        accountType: authorized.accountType,
        region: authorized.region,
        marketplaceIds: [...authorized.marketplaceIds],
        refreshTokenSecretRef: authorized.refreshTokenSecretRef,
        authorizedAt: authorized.authorizedAt,
        status: 'active',
      },
    ];
  }
  const marketplaceIds = [...existing.marketplaceIds];
  if (authorized.marketplacesChosen) {
    for (const id of authorized.marketplaceIds)
      if (!marketplaceIds.includes(id)) marketplaceIds.push(id);
  }
  const updated: AccountInput = {
    ...existing,
    accountType: authorized.accountType,
    marketplaceIds,
    refreshTokenSecretRef: authorized.refreshTokenSecretRef,
    authorizedAt: authorized.authorizedAt,
    status: existing.status === 'disabled' ? 'disabled' : 'active',
  };
  return accounts.map((account) => (account === existing ? updated : account));
}

/**
 * The account list with the status of `partner`'s entry set to `status`; an absent partner or a
 * `disabled` account (an operator's decision) is left as it is.
 */
export function withAccountStatus(
  accounts: readonly AccountInput[],
  partner: PartnerKey,
  status: AccountStatus,
): AccountInput[] {
  return accounts.map((account) =>
    isPartner(account, partner) && account.status !== 'disabled' ? { ...account, status } : account,
  );
}
