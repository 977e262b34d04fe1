import type { BrokerInvoker, VendRequest } from '@spapi-lake/auth';

/**
 * Invokes a token broker handler in the same process (the local runner): the request and the
 * answer go through JSON, as they would through Lambda.
 */
export class InProcessBrokerInvoker implements BrokerInvoker {
  constructor(private readonly handler: (event: unknown) => Promise<unknown>) {}

  async invoke(request: VendRequest): Promise<unknown> {
    const answer = await this.handler(JSON.parse(JSON.stringify(request)));
    return JSON.parse(JSON.stringify(answer));
  }
}
