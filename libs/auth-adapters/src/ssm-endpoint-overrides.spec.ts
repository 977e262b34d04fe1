import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { ConfigurationError } from '@spapi-lake/config';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { readSsmEndpointOverrides } from './ssm-endpoint-overrides';

const ssm = mockClient(SSMClient);
const client = () => new SSMClient({ region: 'eu-west-1', maxAttempts: 1 });

beforeEach(() => ssm.reset());

describe('readSsmEndpointOverrides', () => {
  it('reads and validates the endpoints document', async () => {
    ssm.on(GetParameterCommand).resolves({
      Parameter: { Value: JSON.stringify({ lwaBaseUrl: 'http://127.0.0.1:4010/lwa/' }) },
    });
    await expect(readSsmEndpointOverrides(client(), '/p/endpoints')).resolves.toEqual({
      lwaBaseUrl: 'http://127.0.0.1:4010/lwa',
    });
    expect(ssm.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({
      Name: '/p/endpoints',
    });
  });

  it('treats a missing parameter as production and refuses an invalid one', async () => {
    ssm
      .on(GetParameterCommand)
      .rejectsOnce(new ParameterNotFound({ message: 'x', $metadata: { httpStatusCode: 400 } }));
    await expect(readSsmEndpointOverrides(client(), '/p/endpoints')).resolves.toEqual({});
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: '{"lwaBaseUrl":"ftp://x"}' } });
    await expect(readSsmEndpointOverrides(client(), '/p/endpoints')).rejects.toBeInstanceOf(
      ConfigurationError,
    );
  });
});
