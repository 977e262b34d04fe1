import path from 'node:path';
import type { Clock } from '@spapi-lake/core';
import type { NotificationsApi } from '@spapi-lake/sp-api';
import type { AccountSource } from './account-source';
import { InProcessExecutionResumer } from './adapters/in-process-execution-resumer';
import { LocalIdempotencyStore } from './adapters/local-idempotency-store';
import { LocalReportWaiterStore } from './adapters/local-report-waiter-store';
import { LocalSubscriptionDirectory } from './adapters/local-subscription-directory';
import { RecordingListingRefreshRequester } from './adapters/recording-listing-refresh-requester';
import { RecordingRetrievalStarter } from './adapters/recording-retrieval-starter';
import {
  DEFAULT_IDEMPOTENCY_TTL_SECONDS,
  DEFAULT_OUTCOME_TTL_MS,
  DEFAULT_WAITER_TTL_MS,
} from './defaults';
import type { HandlerLogger } from './handler-logger';
import {
  type ConsumeNotificationsHandler,
  createConsumeNotificationsHandler,
} from './handlers/consume-notifications-handler';
import {
  type RegisterWaiterHandler,
  createRegisterWaiterHandler,
} from './handlers/register-waiter-handler';
import {
  type SetupSubscriptionsHandler,
  createSetupSubscriptionsHandler,
} from './handlers/setup-subscriptions-handler';
import type { ListingRefreshRequest } from './listing-refresh-requester';
import type { UnsolicitedReportRetrieval } from './retrieval-starter';
import { isAmazonGeneratedReportType } from './use-cases/amazon-generated-report-type';
import type {
  NotificationsApiTarget,
  SubscriptionSetupSettings,
} from './use-cases/ensure-subscriptions';

/** Options of {@link createLocalNotificationSubscriber}. */
export interface LocalNotificationSubscriberOptions {
  /** Where the JSON state files go; in memory when absent. */
  readonly stateDirectory?: string;
  readonly clock: Clock;
  readonly logger: HandlerLogger;
  readonly accounts: AccountSource;
  /** Clients on the simulator (see spApiNotificationsFactory). */
  readonly notificationsApi: (target: NotificationsApiTarget) => NotificationsApi;
  readonly settings: SubscriptionSetupSettings;
  /** Called for each unsolicited DONE report (the local runner retrieves it). */
  readonly onRetrieval?: (request: UnsolicitedReportRetrieval) => Promise<void> | void;
  /** Called for each listing refresh request (the local fetcher, once it exists). */
  readonly onListingRefresh?: (request: ListingRefreshRequest) => Promise<void> | void;
  readonly isUnsolicitedReportType?: (reportType: string) => boolean;
}

/** The three handlers wired with local adapters, and the adapters to inspect. */
export interface LocalNotificationSubscriber {
  readonly setupSubscriptions: SetupSubscriptionsHandler;
  readonly consumeNotifications: ConsumeNotificationsHandler;
  readonly registerWaiter: RegisterWaiterHandler;
  readonly resumer: InProcessExecutionResumer;
  readonly waiters: LocalReportWaiterStore;
  readonly directory: LocalSubscriptionDirectory;
  readonly retrievals: RecordingRetrievalStarter;
  readonly listings: RecordingListingRefreshRequester;
}

/**
 * The notification subscriber of the local runner and of the invocation tests: the very handlers
 * the Lambda exports, over JSON-file (or in-memory) stores and an in-process task-token registry.
 */
export function createLocalNotificationSubscriber(
  options: LocalNotificationSubscriberOptions,
): LocalNotificationSubscriber {
  const file = (name: string) =>
    options.stateDirectory === undefined
      ? {}
      : { filePath: path.join(options.stateDirectory, name) };
  const resumer = new InProcessExecutionResumer();
  const waiters = new LocalReportWaiterStore({
    ...file('report-waiters.json'),
    clock: options.clock,
  });
  const directory = new LocalSubscriptionDirectory(file('subscriptions.json'));
  const retrievals = new RecordingRetrievalStarter(options.onRetrieval);
  const listings = new RecordingListingRefreshRequester(options.onListingRefresh);
  const { clock, logger } = options;
  return {
    setupSubscriptions: createSetupSubscriptionsHandler({
      accounts: options.accounts,
      notificationsApi: options.notificationsApi,
      directory,
      settings: options.settings,
      logger,
    }),
    consumeNotifications: createConsumeNotificationsHandler({
      waiters,
      resumer,
      clock,
      retrievals,
      directory,
      listings,
      isUnsolicitedReportType: options.isUnsolicitedReportType ?? isAmazonGeneratedReportType,
      outcomeTtlMs: DEFAULT_OUTCOME_TTL_MS,
      idempotencyStore: new LocalIdempotencyStore(file('idempotency.json')),
      idempotencyTtlSeconds: DEFAULT_IDEMPOTENCY_TTL_SECONDS,
      logger,
    }),
    registerWaiter: createRegisterWaiterHandler({
      waiters,
      resumer,
      directory,
      clock,
      waiterTtlMs: DEFAULT_WAITER_TTL_MS,
      logger,
    }),
    resumer,
    waiters,
    directory,
    retrievals,
    listings,
  };
}
