import { type TokenBrokerHandler, createTokenBrokerHandler } from '@spapi-lake/auth-adapters';
import { loadConfig } from './config';
import { awsDependencies } from './dependencies';

/** Builds the handler from an environment (default: the Lambda runtime's). */
export async function createHandler(
  env?: Readonly<Record<string, string | undefined>>,
): Promise<TokenBrokerHandler> {
  return createTokenBrokerHandler(await awsDependencies(loadConfig(env)));
}

let built: Promise<TokenBrokerHandler> | undefined;

/** The Lambda entry point: the handler is built once per container, on the first invocation. */
export const handler = async (event: unknown): Promise<unknown> => {
  built ??= createHandler().catch((error: unknown) => {
    // A failed cold start (SSM briefly unavailable) must not poison the container.
    built = undefined;
    throw error;
  });
  return (await built)(event);
};
