import {
  GetParameterCommand,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
  SSMServiceException,
} from '@aws-sdk/client-ssm';
import { withAccountStatus, withAuthorizedAccount } from '@spapi-lake/auth';
import { type AccountInput, ConfigurationError } from '@spapi-lake/config';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { AccountRegistryRequestError, AccountRegistryUnavailableError } from './errors';
import { SsmAccountRegistry } from './ssm-account-registry';

const ssm = mockClient(SSMClient);
const NAME = '/spapi-lake/prod/accounts';

const SELLER: AccountInput = {
  sellingPartnerId: 'A1SELLER',
  accountType: 'seller',
  region: 'EU',
  marketplaceIds: ['A1PA6795UKMFR9'],
  refreshTokenSecretRef: 'spapi-lake/refresh-tokens/A1SELLER/EU',
};
const VENDOR: AccountInput = {
  sellingPartnerId: 'A2VENDOR',
  accountType: 'vendor',
  region: 'NA',
  marketplaceIds: ['ATVPDKIKX0DER'],
  refreshTokenSecretRef: 'spapi-lake/refresh-tokens/A2VENDOR/NA',
};
const NEWCOMER_ENTRY = {
  sellingPartnerId: 'A3NEW',
  accountType: 'seller' as const,
  region: 'FE' as const,
  marketplaceIds: ['A1VC38T7YXB528' as const],
  refreshTokenSecretRef: 'spapi-lake/refresh-tokens/A3NEW/FE',
  authorizedAt: '2026-11-01T00:00:00.000Z',
};
const NEWCOMER = { ...NEWCOMER_ENTRY, marketplacesChosen: true };

function registry(): SsmAccountRegistry {
  return new SsmAccountRegistry({
    client: new SSMClient({ region: 'eu-west-1', maxAttempts: 1 }),
    parameterName: NAME,
  });
}

function parameter(accounts: unknown, version: number) {
  return { Parameter: { Name: NAME, Value: JSON.stringify(accounts), Version: version } };
}

function written(index: number): unknown {
  const value = ssm.commandCalls(PutParameterCommand)[index]?.args[0].input.Value;
  return JSON.parse(value ?? 'null');
}

beforeEach(() => ssm.reset());

describe('SsmAccountRegistry', () => {
  it('lists the validated accounts with defaults applied', async () => {
    ssm.on(GetParameterCommand).resolves(parameter([SELLER], 3));
    await expect(registry().list()).resolves.toEqual([
      { ...SELLER, status: 'active', reportProcessingNotifications: true },
    ]);
    expect(ssm.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({
      Name: NAME,
      WithDecryption: false,
    });
  });

  it('reads a missing parameter as an empty list', async () => {
    ssm
      .on(GetParameterCommand)
      .rejects(new ParameterNotFound({ message: 'missing', $metadata: { httpStatusCode: 400 } }));
    await expect(registry().list()).resolves.toEqual([]);
  });

  it('writes the changed list as written, with Intelligent-Tiering', async () => {
    ssm.on(GetParameterCommand).resolves(parameter([SELLER], 3));
    ssm.on(PutParameterCommand).resolves({ Version: 4 });
    await registry().update((accounts) => withAuthorizedAccount(accounts, NEWCOMER));
    expect(ssm).toHaveReceivedCommandTimes(PutParameterCommand, 1);
    expect(ssm.commandCalls(PutParameterCommand)[0]?.args[0].input).toEqual({
      Name: NAME,
      Value: `${JSON.stringify([SELLER, { ...NEWCOMER_ENTRY, status: 'active' }], null, 2)}\n`,
      Type: 'String',
      Overwrite: true,
      Tier: 'Intelligent-Tiering',
    });
  });

  it('does not write when the change changes nothing', async () => {
    ssm
      .on(GetParameterCommand)
      .resolves(parameter([{ ...SELLER, status: 'reauthorization-required' }], 3));
    await registry().update((accounts) =>
      withAccountStatus(accounts, SELLER, 'reauthorization-required'),
    );
    expect(ssm).not.toHaveReceivedCommand(PutParameterCommand);
  });

  it('re-applies the change on top of a write that landed between its read and its write', async () => {
    // We read v3; another writer added the vendor as v4; our write became v5 and dropped it.
    ssm
      .on(GetParameterCommand)
      .callsFake((input: { Name?: string }) =>
        input.Name === `${NAME}:4` ? parameter([SELLER, VENDOR], 4) : parameter([SELLER], 3),
      );
    ssm.on(PutParameterCommand).resolvesOnce({ Version: 5 }).resolves({ Version: 6 });

    await registry().update((accounts) => withAuthorizedAccount(accounts, NEWCOMER));

    expect(ssm.commandCalls(GetParameterCommand).map((c) => c.args[0].input.Name)).toEqual([
      NAME,
      `${NAME}:4`,
    ]);
    expect(written(1)).toEqual([SELLER, VENDOR, { ...NEWCOMER_ENTRY, status: 'active' }]);
  });

  it('gives up with a retryable error when every write is overtaken', async () => {
    // Each earlier version holds another writer's change, so each retry has to write again.
    ssm.on(GetParameterCommand).callsFake((input: { Name?: string }) => {
      const version = Number(input.Name?.split(':')[1] ?? 3);
      return parameter([SELLER, { ...VENDOR, displayName: `written as v${version}` }], version);
    });
    let version = 4;
    ssm.on(PutParameterCommand).callsFake(() => ({ Version: (version += 2) }));
    await expect(
      registry().update((accounts) => withAuthorizedAccount(accounts, NEWCOMER)),
    ).rejects.toBeInstanceOf(AccountRegistryUnavailableError);
    expect(ssm).toHaveReceivedCommandTimes(PutParameterCommand, 4);
  });

  it('never overwrites a list it cannot read, nor writes a list others could not read', async () => {
    ssm.on(GetParameterCommand).resolves(parameter([{ ...SELLER, region: 'XX' }], 3));
    await expect(registry().update((accounts) => [...accounts])).rejects.toBeInstanceOf(
      ConfigurationError,
    );
    ssm.on(GetParameterCommand).resolves(parameter([SELLER], 3));
    await expect(
      registry().update((accounts) => [...accounts, { ...SELLER, marketplaceIds: [] }]),
    ).rejects.toBeInstanceOf(ConfigurationError);
    expect(ssm).not.toHaveReceivedCommand(PutParameterCommand);
  });

  it('maps SSM failures to typed errors', async () => {
    const error = (name: string, status: number) =>
      new SSMServiceException({
        name,
        $fault: status >= 500 ? 'server' : 'client',
        $metadata: { httpStatusCode: status },
        message: name,
      });
    ssm.on(GetParameterCommand).rejects(error('ThrottlingException', 400));
    await expect(registry().list()).rejects.toBeInstanceOf(AccountRegistryUnavailableError);
    ssm.on(GetParameterCommand).resolves(parameter([SELLER], 3));
    ssm.on(PutParameterCommand).rejects(error('ParameterMaxVersionLimitExceeded', 400));
    await expect(
      registry().update((accounts) => withAuthorizedAccount(accounts, NEWCOMER)),
    ).rejects.toBeInstanceOf(AccountRegistryRequestError);
  });
});
