import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { BrokerInvocationError, type BrokerInvoker, type VendRequest } from '@spapi-lake/auth';
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
      throw new BrokerInvocationError(
        `${describeAwsFailure('Invoke', awsFailure(error))} on ${this.options.functionName}`,
        { cause: error },
      );
    }
    // The payload of a function error is the runtime's error report: not ours to repeat.
    if (answer.FunctionError !== undefined) {
      throw new BrokerInvocationError(
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
