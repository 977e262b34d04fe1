import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { type EndpointOverrides, parseEndpointOverrides } from '@spapi-lake/config';
import { awsFailure, describeAwsFailure } from '@spapi-lake/aws-support';
import { AccountRegistryRequestError, AccountRegistryUnavailableError } from './errors';

/**
 * The optional `/<prefix>/endpoints` document (sandbox or simulator endpoints); an absent
 * parameter means Amazon production. An invalid document throws a ConfigurationError.
 */
export async function readSsmEndpointOverrides(
  client: SSMClient,
  parameterName: string,
): Promise<EndpointOverrides> {
  let value: string | undefined;
  try {
    const answer = await client.send(new GetParameterCommand({ Name: parameterName }));
    value = answer.Parameter?.Value;
  } catch (error) {
    const failure = awsFailure(error);
    if (failure.name === 'ParameterNotFound') return {};
    const message = `${describeAwsFailure('GetParameter', failure)} on ${parameterName}`;
    throw failure.retryable
      ? new AccountRegistryUnavailableError(message, { cause: error })
      : new AccountRegistryRequestError(message, { cause: error });
  }
  return parseEndpointOverrides(value ?? '{}', parameterName);
}
