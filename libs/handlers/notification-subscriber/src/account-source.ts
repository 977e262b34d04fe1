import type { Account } from '@spapi-lake/config';

/** Port: the configured accounts (SSM `/<prefix>/accounts`; `AccountRegistry` of `@spapi-lake/auth` fits). */
export interface AccountSource {
  list(): Promise<readonly Account[]>;
}
