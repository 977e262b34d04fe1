import type { AccountRegistry } from '@spapi-lake/auth';
import { type Account, type AccountInput, parseAccounts } from '@spapi-lake/config';
import { JsonFile } from './json-file';

/** The account list of the local runner: the accounts document as a JSON file. */
export class LocalFileAccountRegistry implements AccountRegistry {
  private readonly file: JsonFile<AccountInput[]>;

  constructor(filePath: string) {
    this.file = new JsonFile<AccountInput[]>(filePath, () => []);
  }

  async list(): Promise<Account[]> {
    return parseAccounts(await this.file.read(), this.file.filePath);
  }

  async update(change: (accounts: readonly AccountInput[]) => AccountInput[]): Promise<void> {
    await this.file.update((accounts) => {
      parseAccounts(accounts, this.file.filePath);
      const next = change(accounts);
      parseAccounts(next, this.file.filePath);
      return { document: next, result: undefined };
    });
  }
}
