import type { VendRequest } from './vend-protocol';

/**
 * Port: sends a vend request to the token broker (a Lambda invoke on AWS, a function call locally)
 * and returns its answer as received; the client validates it. Throws TokenBrokerUnavailableError
 * when the broker is throttled or failing (a later invoke may answer), BrokerInvocationError when
 * it cannot be invoked at all or answers something unreadable.
 */
export interface BrokerInvoker {
  invoke(request: VendRequest): Promise<unknown>;
}
