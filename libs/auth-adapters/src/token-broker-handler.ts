import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { TokenBrokerEventError } from './errors';
import {
  type BrokerCommand,
  type BrokerCommandResult,
  handleBrokerCommand,
} from './handle-broker-command';
import { handleFunctionUrlRequest } from './handle-function-url-request';
import { handleNotificationBatch } from './handle-notification-batch';
import type { TokenBrokerDependencies } from './token-broker-dependencies';

/** The broker's Lambda handler, typed per trigger. */
export interface TokenBrokerHandler {
  (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2>;
  (event: SQSEvent): Promise<SQSBatchResponse>;
  (event: BrokerCommand): Promise<BrokerCommandResult>;
  (event: unknown): Promise<unknown>;
}

function isFunctionUrlEvent(event: object): event is APIGatewayProxyEventV2 {
  const context: unknown = Reflect.get(event, 'requestContext');
  return typeof context === 'object' && context !== null && 'http' in context && 'rawPath' in event;
}

function isSqsEvent(event: object): event is SQSEvent {
  const records: unknown = Reflect.get(event, 'Records');
  return (
    Array.isArray(records) &&
    records.every(
      (r: unknown) =>
        typeof r === 'object' && r !== null && Reflect.get(r, 'eventSource') === 'aws:sqs',
    )
  );
}

/**
 * The token broker's trigger contract over its use cases: Function URL requests (the website
 * authorization pages), SQS batches (client secret notifications) and direct invocations
 * (`vend`, `rotate`, `check-expiry`). Function URL events are recognised first, so nothing that
 * arrives over HTTP can ever reach vending, which only IAM-authorized invokes can.
 */
export function createTokenBrokerHandler(deps: TokenBrokerDependencies): TokenBrokerHandler {
  const handler = async (event: unknown): Promise<unknown> => {
    try {
      if (typeof event !== 'object' || event === null) {
        throw new TokenBrokerEventError('The token broker was invoked without an event object');
      }
      if (isFunctionUrlEvent(event)) return await handleFunctionUrlRequest(deps, event);
      if (isSqsEvent(event)) return await handleNotificationBatch(deps, event);
      if ('action' in event) return await handleBrokerCommand(deps, event);
      throw new TokenBrokerEventError(
        'Unsupported event: not a Function URL request, SQS batch or command',
      );
    } catch (error) {
      deps.logger.error('token broker invocation failed', { error });
      throw error;
    } finally {
      deps.metrics.flush();
    }
  };
  // One implementation serves every overload; the event decides which one applies.
  return handler as TokenBrokerHandler;
}
