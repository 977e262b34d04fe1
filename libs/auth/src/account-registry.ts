import type { Account, AccountInput } from '@spapi-lake/config';

/**
 * Port: the account list (SSM `/<prefix>/accounts`). `update` reads the list as written (defaults
 * not applied), applies `change`, validates and writes the result; `change` must be idempotent, as
 * an adapter without conditional writes may apply it again after a concurrent write.
 */
export interface AccountRegistry {
  list(): Promise<Account[]>;
  update(change: (accounts: readonly AccountInput[]) => AccountInput[]): Promise<void>;
}
