import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { type EndpointOverrides, parseEndpointOverrides } from '@spapi-lake/config';
import { PartnerDirectoryUnavailableError } from '../errors';
import { awsFailure } from './aws-failure';

/**
 * The optional `/<prefix>/endpoints` document (sandbox or simulator endpoints); an absent parameter
 * means Amazon production. An invalid document throws a ConfigurationError.
 */
export async function readSsmEndpointOverrides(
  client: SSMClient,
  parameterName: string,
): Promise<EndpointOverrides> {
  let value: string | undefined;
  try {
    value = (await client.send(new GetParameterCommand({ Name: parameterName }))).Parameter?.Value;
  } catch (error) {
    const failure = awsFailure(error);
    if (failure.name === 'ParameterNotFound') return {};
    throw new PartnerDirectoryUnavailableError(
      `GetParameter ${parameterName} failed (${failure.name})`,
      { cause: error },
    );
  }
  return parseEndpointOverrides(value ?? '{}', parameterName);
}
