import {
  type CatalogFetcherDependencies,
  createCatalogRefreshTaskHandlers,
  createRefreshListingsHandler,
} from '@spapi-lake/catalog-listings-fetcher-handlers';
import { loadConfig } from './config';
import { type AwsClients, awsDependencies } from './dependencies';

/** Every handler this artifact exports, built over one set of dependencies. */
export function createHandlers(deps: CatalogFetcherDependencies) {
  return {
    ...createCatalogRefreshTaskHandlers(deps),
    refreshListings: createRefreshListingsHandler(deps),
  };
}

/** The handlers of {@link createHandlers}. */
export type Handlers = ReturnType<typeof createHandlers>;

/** Builds the handlers from an environment (the Lambda runtime's, or a test's). */
export async function buildHandlers(
  env: Readonly<Record<string, string | undefined>>,
  clients?: AwsClients,
): Promise<Handlers> {
  return createHandlers(await awsDependencies(loadConfig(env), clients));
}
