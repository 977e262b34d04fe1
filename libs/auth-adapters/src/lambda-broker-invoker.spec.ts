import { InvokeCommand, LambdaClient, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { BrokerInvocationError, TokenBrokerUnavailableError } from '@spapi-lake/auth';
import { Uint8ArrayBlobAdapter } from '@smithy/core/serde';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { LambdaBrokerInvoker } from './lambda-broker-invoker';

const lambda = mockClient(LambdaClient);
const invoker = () =>
  new LambdaBrokerInvoker({
    client: new LambdaClient({ region: 'eu-west-1', maxAttempts: 1 }),
    functionName: 'spapi-lake-token-broker',
  });
const REQUEST = {
  action: 'vend' as const,
  grant: { kind: 'partner' as const, sellingPartnerId: 'A1', region: 'EU' as const },
};
const encode = (value: unknown) => Uint8ArrayBlobAdapter.fromString(JSON.stringify(value));

beforeEach(() => lambda.reset());

describe('LambdaBrokerInvoker', () => {
  it('invokes the broker synchronously with the JSON request and returns its JSON answer', async () => {
    lambda
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, Payload: encode({ ok: true, accessToken: 'a', expiresAt: 1 }) });
    await expect(invoker().invoke(REQUEST)).resolves.toEqual({
      ok: true,
      accessToken: 'a',
      expiresAt: 1,
    });
    const input = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect({
      ...input,
      Payload: JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array)),
    }).toEqual({
      FunctionName: 'spapi-lake-token-broker',
      InvocationType: 'RequestResponse',
      Payload: REQUEST,
    });
  });

  it('reports a function error without repeating its payload', async () => {
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: encode({ errorMessage: 'secret detail' }),
    });
    const error = await invoker()
      .invoke(REQUEST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenBrokerUnavailableError);
    expect((error as Error).message).not.toContain('secret detail');
  });

  it('turns a throttled or failing invoke into the retryable TokenBrokerUnavailableError', async () => {
    lambda
      .on(InvokeCommand)
      .rejectsOnce(
        new TooManyRequestsException({ message: 'slow down', $metadata: { httpStatusCode: 429 } }),
      );
    await expect(invoker().invoke(REQUEST)).rejects.toMatchObject({
      name: 'TokenBrokerUnavailableError',
      retryable: true,
    });
    lambda.reset();
    lambda.on(InvokeCommand).rejectsOnce(
      Object.assign(new Error('internal'), {
        name: 'ServiceException',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      }),
    );
    await expect(invoker().invoke(REQUEST)).rejects.toBeInstanceOf(TokenBrokerUnavailableError);
  });

  it('keeps a refused invoke and a non-JSON payload BrokerInvocationErrors', async () => {
    lambda.on(InvokeCommand).rejectsOnce(
      Object.assign(new Error('denied'), {
        name: 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    await expect(invoker().invoke(REQUEST)).rejects.toMatchObject({
      name: 'BrokerInvocationError',
    });
    lambda
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, Payload: Uint8ArrayBlobAdapter.fromString('nope') });
    await expect(invoker().invoke(REQUEST)).rejects.toBeInstanceOf(BrokerInvocationError);
  });
});
