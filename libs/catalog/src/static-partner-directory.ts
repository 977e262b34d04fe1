import type { PartnerAccount, PartnerDirectory } from './refresh-ports';

/** A partner directory over a fixed account list (the local runner's accounts, tests). */
export class StaticPartnerDirectory implements PartnerDirectory {
  constructor(private readonly accounts: readonly PartnerAccount[]) {}

  async accountsOf(sellingPartnerId: string): Promise<readonly PartnerAccount[]> {
    return this.accounts.filter((account) => account.sellingPartnerId === sellingPartnerId);
  }
}
