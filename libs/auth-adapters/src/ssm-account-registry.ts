import { isDeepStrictEqual } from 'node:util';
import { GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { AccountRegistry } from '@spapi-lake/auth';
import { type Account, type AccountInput, parseAccounts } from '@spapi-lake/config';
import { z } from 'zod';
import { awsFailure, describeAwsFailure } from '@spapi-lake/aws-support';
import { AccountRegistryRequestError, AccountRegistryUnavailableError } from './errors';

/** Options of {@link SsmAccountRegistry}. */
export interface SsmAccountRegistryOptions {
  readonly client: SSMClient;
  /** Full name, `configParameterNames(prefix).accounts`. */
  readonly parameterName: string;
  /** Writes tried when other writers interleave (default 4). */
  readonly maxWriteAttempts?: number;
}

interface Snapshot {
  readonly accounts: AccountInput[];
  /** 0 when the parameter does not exist yet. */
  readonly version: number;
}

const accountListSchema = z.array(z.record(z.string(), z.unknown()));

/**
 * The account list in one SSM String parameter (Intelligent-Tiering: it moves to the advanced
 * tier past 4 KB). SSM has no conditional write, so `update` checks the version each write
 * produced: when another write landed between read and write, the change is re-applied on top
 * of that write (the version just before ours) and written again.
 */
export class SsmAccountRegistry implements AccountRegistry {
  constructor(private readonly options: SsmAccountRegistryOptions) {}

  async list(): Promise<Account[]> {
    const snapshot = await this.read(this.options.parameterName);
    return parseAccounts(snapshot.accounts, this.options.parameterName);
  }

  async update(change: (accounts: readonly AccountInput[]) => AccountInput[]): Promise<void> {
    const maxAttempts = this.options.maxWriteAttempts ?? 4;
    let base = await this.read(this.options.parameterName);
    let expectedVersion = base.version + 1;
    // What the parameter holds now: the base we read, then (after a conflict) our own last write.
    let head: readonly AccountInput[] = base.accounts;
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const next = change(base.accounts);
      if (isDeepStrictEqual(next, head)) return;
      // Never write a list the other functions would refuse to read.
      parseAccounts(next, this.options.parameterName);
      const written = await this.write(next);
      if (written === expectedVersion) return;
      head = next;
      // Someone wrote between our read and our write, and ours replaced theirs: start again
      // from theirs (the version just before ours) so both changes survive.
      base = await this.read(`${this.options.parameterName}:${written - 1}`);
      expectedVersion = written + 1;
    }
    throw new AccountRegistryUnavailableError(
      `The account list ${this.options.parameterName} kept changing during ${maxAttempts} writes; try again`,
    );
  }

  private async read(selector: string): Promise<Snapshot> {
    let value: string | undefined;
    let version: number | undefined;
    try {
      const answer = await this.options.client.send(
        new GetParameterCommand({ Name: selector, WithDecryption: false }),
      );
      value = answer.Parameter?.Value;
      version = answer.Parameter?.Version;
    } catch (error) {
      if (awsFailure(error).name === 'ParameterNotFound') return { accounts: [], version: 0 };
      throw this.failure('GetParameter', error);
    }
    if (value === undefined || version === undefined) {
      throw new AccountRegistryRequestError(
        `GetParameter on ${selector} answered without a value or version`,
      );
    }
    // Validated as a whole first: a broken list is an operator's to fix, never overwritten.
    parseAccounts(value, this.options.parameterName);
    // Entries were validated by parseAccounts above; kept as written (defaults not applied).
    const accounts = accountListSchema.parse(JSON.parse(value)) as AccountInput[];
    return { accounts, version };
  }

  private async write(accounts: readonly AccountInput[]): Promise<number> {
    try {
      const answer = await this.options.client.send(
        new PutParameterCommand({
          Name: this.options.parameterName,
          Value: `${JSON.stringify(accounts, null, 2)}\n`,
          Type: 'String',
          Overwrite: true,
          Tier: 'Intelligent-Tiering',
        }),
      );
      if (typeof answer.Version !== 'number') {
        throw new AccountRegistryRequestError('PutParameter answered without a version');
      }
      return answer.Version;
    } catch (error) {
      if (error instanceof AccountRegistryRequestError) throw error;
      throw this.failure('PutParameter', error);
    }
  }

  private failure(operation: string, error: unknown): Error {
    const failure = awsFailure(error);
    const message = `${describeAwsFailure(operation, failure)} on ${this.options.parameterName}`;
    return failure.retryable
      ? new AccountRegistryUnavailableError(message, { cause: error })
      : new AccountRegistryRequestError(message, { cause: error });
  }
}
