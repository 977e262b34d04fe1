import type { SSMClient } from '@aws-sdk/client-ssm';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import type { PartnerAccount, PartnerDirectory } from '@spapi-lake/catalog';
import { parseAccounts } from '@spapi-lake/config';
import { PartnerDirectoryUnavailableError } from '../errors';
import { awsFailure } from './aws-failure';

/** Options of {@link SsmPartnerDirectory}. */
export interface SsmPartnerDirectoryOptions {
  /** `configParameterNames(prefix).accounts`. */
  readonly parameterName: string;
  /** How long the accounts are reused before SSM is asked again. */
  readonly maxAgeSeconds: number;
  readonly client?: SSMClient;
}

/**
 * The partner directory over the `/<prefix>/accounts` SSM parameter (Powertools Parameters, cached
 * per container for `maxAgeSeconds`), validated by @spapi-lake/config. Only active accounts count.
 */
export class SsmPartnerDirectory implements PartnerDirectory {
  private readonly provider: SSMProvider;

  constructor(private readonly options: SsmPartnerDirectoryOptions) {
    this.provider = new SSMProvider(
      options.client === undefined ? {} : { awsSdkV3Client: options.client },
    );
  }

  async accountsOf(sellingPartnerId: string): Promise<readonly PartnerAccount[]> {
    let value: string | undefined;
    try {
      value = await this.provider.get(this.options.parameterName, {
        maxAge: this.options.maxAgeSeconds,
      });
    } catch (error) {
      // Powertools wraps the SDK's error (GetParameterError) and keeps it as the cause.
      const failure = awsFailure(error instanceof Error && error.cause ? error.cause : error);
      throw new PartnerDirectoryUnavailableError(
        `GetParameter ${this.options.parameterName} failed (${failure.name})`,
        { cause: error },
      );
    }
    if (value === undefined) return [];
    return parseAccounts(value, this.options.parameterName)
      .filter(
        (account) => account.sellingPartnerId === sellingPartnerId && account.status === 'active',
      )
      .map((account) => ({
        sellingPartnerId: account.sellingPartnerId,
        region: account.region,
        accountType: account.accountType,
        marketplaceIds: [...account.marketplaceIds],
      }));
  }
}
