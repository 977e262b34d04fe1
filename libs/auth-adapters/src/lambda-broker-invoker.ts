import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  BrokerInvocationError,
  type BrokerInvoker,
  TokenBrokerUnavailableError,
  type VendRequest,
} from '@spapi-lake/auth';
import { awsFailure, describeAwsFailure } from '@spapi-lake/aws-support';

/** Options of {@link LambdaBrokerInvoker}. */
export interface LambdaBrokerInvokerOptions {
  readonly client: LambdaClient;
  /** Name or ARN of the token broker function (the caller's role needs lambda:InvokeFunction on it). */
  readonly functionName: string;
}

/** Sends vend requests to the token broker with a synchronous Lambda invoke (IAM-authorized). */
export class LambdaBrokerInvoker implements BrokerInvoker {
  constructor(private readonly options: LambdaBrokerInvokerOptions) {}

  async invoke(request: VendRequest): Promise<unknown> {
    let answer;
    try {
      answer = await this.options.client.send(
        new InvokeCommand({
          FunctionName: this.options.functionName,
          InvocationType: 'RequestResponse',
          Payload: new TextEncoder().encode(JSON.stringify(request)),
        }),
      );
    } catch (error) {
      // Throttled, 5xx or no answer: a later invoke may get a token; anything else (access denied,
      // no such function) will not.
      const failure = awsFailure(error);
      const message = `${describeAwsFailure('Invoke', failure)} on ${this.options.functionName}`;
      throw failure.retryable
        ? new TokenBrokerUnavailableError(message, { cause: error })
        : new BrokerInvocationError(message, { cause: error });
    }
    // The payload of a function error is the runtime's error report: not ours to repeat. The broker
    // crashed or timed out (its own failures are answers), which a later invoke may not.
    if (answer.FunctionError !== undefined) {
      throw new TokenBrokerUnavailableError(
        `The token broker ${this.options.functionName} failed (${answer.FunctionError} function error); see its logs`,
      );
    }
    if (answer.Payload === undefined) {
      throw new BrokerInvocationError('The token broker answered without a payload');
    }
    try {
      return JSON.parse(new TextDecoder().decode(answer.Payload));
    } catch {
      throw new BrokerInvocationError('The token broker answered a payload that is not JSON');
    }
  }
}
