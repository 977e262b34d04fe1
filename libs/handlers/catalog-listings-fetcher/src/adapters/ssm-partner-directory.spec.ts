import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { PartnerDirectoryUnavailableError } from '../errors';
import { SsmPartnerDirectory } from './ssm-partner-directory';

const client = new SSMClient({ region: 'us-east-1' });
const ssm = mockClient(client);

const accounts = [
  {
    sellingPartnerId: 'A1B2C3D4E5F6G7',
    accountType: 'seller',
    region: 'NA',
    marketplaceIds: ['ATVPDKIKX0DER'],
    refreshTokenSecretRef: 'rt/na',
  },
  {
    sellingPartnerId: 'A1B2C3D4E5F6G7',
    accountType: 'seller',
    region: 'EU',
    marketplaceIds: ['A1PA6795UKMFR9'],
    refreshTokenSecretRef: 'rt/eu',
    status: 'disabled',
  },
  {
    sellingPartnerId: 'AOTHER0000000',
    accountType: 'seller',
    region: 'NA',
    marketplaceIds: ['ATVPDKIKX0DER'],
    refreshTokenSecretRef: 'rt/o',
  },
];

beforeEach(() => ssm.reset());

describe('SsmPartnerDirectory', () => {
  it("answers a partner's active accounts from the accounts parameter, cached", async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: JSON.stringify(accounts) } });
    const directory = new SsmPartnerDirectory({
      parameterName: '/spapi-lake/test/accounts',
      maxAgeSeconds: 300,
      client,
    });
    await expect(directory.accountsOf('A1B2C3D4E5F6G7')).resolves.toEqual([
      {
        sellingPartnerId: 'A1B2C3D4E5F6G7',
        region: 'NA',
        accountType: 'seller',
        marketplaceIds: ['ATVPDKIKX0DER'],
      },
    ]);
    await expect(directory.accountsOf('ANOBODY')).resolves.toEqual([]);
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 1);
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, {
      Name: '/spapi-lake/test/accounts',
    });
  });

  it('fails with a retryable error when SSM cannot be read', async () => {
    ssm
      .on(GetParameterCommand)
      .rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const directory = new SsmPartnerDirectory({
      parameterName: '/p/accounts',
      maxAgeSeconds: 300,
      client,
    });
    await expect(directory.accountsOf('A1B2C3D4E5F6G7')).rejects.toThrow(
      PartnerDirectoryUnavailableError,
    );
  });
});
