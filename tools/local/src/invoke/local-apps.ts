import type { SQSEvent } from 'aws-lambda';
import type { LocalFunctions } from '../pipeline/local-functions';

/** A Lambda handler as the local runner invokes it: the event in, the result out. */
export type LocalHandler = (event: unknown) => Promise<unknown>;

/** Every app's exported handlers (`main.<name>`), built over the local functions. */
export function localAppHandlers(
  functions: LocalFunctions,
): Readonly<Record<string, Readonly<Record<string, LocalHandler>>>> {
  const subscriber = functions.notificationSubscriber;
  const fetcher = functions.catalogListingsFetcher;
  // The event is the user's: the handlers validate it as the trigger would deliver it.
  const sqsEvent = (event: unknown) => event as SQSEvent;
  return {
    'token-broker': { handler: functions.tokenBroker },
    'report-creator': { ...functions.reportCreator },
    'report-retriever': { ...functions.reportRetriever },
    'notification-subscriber': {
      setupSubscriptions: subscriber.setupSubscriptions,
      consumeNotifications: (event) =>
        subscriber.consumeNotifications(
          sqsEvent(event),
          functions.context('spapi-lake-consume-notifications'),
        ),
      registerWaiter: subscriber.registerWaiter,
      sweepSettlements: functions.sweepSettlements,
    },
    'catalog-listings-fetcher': {
      planCatalogRefresh: fetcher.tasks.planCatalogRefresh,
      fetchListings: fetcher.tasks.fetchListings,
      planCatalogChunks: fetcher.tasks.planCatalogChunks,
      fetchCatalogChunk: fetcher.tasks.fetchCatalogChunk,
      finishCatalogRefresh: fetcher.tasks.finishCatalogRefresh,
      refreshListings: (event) => fetcher.refreshListings(sqsEvent(event)),
    },
  };
}

/** Event file names that do not start with their handler's name (`record-no-data-…`). */
export const EVENT_FILE_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'report-retriever': {
    'record-no-data': 'recordOutcome',
    'record-failure': 'recordOutcome',
    'record-outcome': 'recordOutcome',
  },
  'notification-subscriber': { sqs: 'consumeNotifications', consume: 'consumeNotifications' },
  'catalog-listings-fetcher': { 'refresh-listings': 'refreshListings' },
};
