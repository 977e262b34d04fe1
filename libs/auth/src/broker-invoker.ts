import type { VendRequest } from './vend-protocol';

/**
 * Port: sends a vend request to the token broker (a Lambda invoke on AWS, a function call locally)
 * and returns its answer as received; the client validates it. Throws BrokerInvocationError when
 * no answer arrives.
 */
export interface BrokerInvoker {
  invoke(request: VendRequest): Promise<unknown>;
}
