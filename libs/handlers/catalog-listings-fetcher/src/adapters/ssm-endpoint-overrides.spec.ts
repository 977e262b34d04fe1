import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { ConfigurationError } from '@spapi-lake/config';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { readSsmEndpointOverrides } from './ssm-endpoint-overrides';

const client = new SSMClient({ region: 'us-east-1' });
const ssm = mockClient(client);

beforeEach(() => ssm.reset());

describe('readSsmEndpointOverrides', () => {
  it('reads the endpoints document, and nothing when it does not exist', async () => {
    ssm
      .on(GetParameterCommand)
      .resolvesOnce({ Parameter: { Value: '{"spApiBaseUrl":{"NA":"http://127.0.0.1:4010"}}' } })
      .rejectsOnce(new ParameterNotFound({ message: 'none', $metadata: {} }));
    await expect(readSsmEndpointOverrides(client, '/p/endpoints')).resolves.toEqual({
      spApiBaseUrl: { NA: 'http://127.0.0.1:4010' },
    });
    await expect(readSsmEndpointOverrides(client, '/p/endpoints')).resolves.toEqual({});
    expect(ssm).toHaveReceivedCommandWith(GetParameterCommand, { Name: '/p/endpoints' });
  });

  it('refuses an invalid document', async () => {
    ssm
      .on(GetParameterCommand)
      .resolves({ Parameter: { Value: '{"spApiBaseUrl":{"NA":"ftp://x"}}' } });
    await expect(readSsmEndpointOverrides(client, '/p/endpoints')).rejects.toThrow(
      ConfigurationError,
    );
  });
});
