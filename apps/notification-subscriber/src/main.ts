import {
  type ConsumeNotificationsHandler,
  type RegisterWaiterHandler,
  type SetupSubscriptionsHandler,
  type SweepSettlementsHandler,
  createConsumeNotificationsHandler,
  createRegisterWaiterHandler,
  createSetupSubscriptionsHandler,
  createSweepSettlementsHandler,
} from '@spapi-lake/notification-subscriber-handlers';
import type { Context, SQSEvent } from 'aws-lambda';
import {
  loadConsumerConfig,
  loadRegisterWaiterConfig,
  loadSetupConfig,
  loadSweepConfig,
} from './config';
import {
  consumerDependencies,
  registerWaiterDependencies,
  setupDependencies,
  sweepDependencies,
} from './dependencies';

type Env = Readonly<Record<string, string | undefined>>;

/** Builds `setupSubscriptions` from an environment (the Lambda runtime's, or a test's). */
export async function createSetupSubscriptions(env: Env): Promise<SetupSubscriptionsHandler> {
  return createSetupSubscriptionsHandler(await setupDependencies(loadSetupConfig(env)));
}

/** Builds `consumeNotifications` from an environment. */
export function createConsumeNotifications(env: Env): ConsumeNotificationsHandler {
  return createConsumeNotificationsHandler(consumerDependencies(loadConsumerConfig(env)));
}

/** Builds `registerWaiter` from an environment. */
export function createRegisterWaiter(env: Env): RegisterWaiterHandler {
  return createRegisterWaiterHandler(registerWaiterDependencies(loadRegisterWaiterConfig(env)));
}

/** Builds `sweepSettlements` from an environment. */
export async function createSweepSettlements(env: Env): Promise<SweepSettlementsHandler> {
  return createSweepSettlementsHandler(await sweepDependencies(loadSweepConfig(env)));
}

/** Builds once per container, on first use; a failed build is retried on the next invocation. */
function once<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => {
    built ??= build().catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };
}

const setup = once(() => createSetupSubscriptions(process.env));
const consumer = once(async () => createConsumeNotifications(process.env));
const waiter = once(async () => createRegisterWaiter(process.env));
const sweep = once(() => createSweepSettlements(process.env));

/** Deploy-time and scheduled: ensures destinations and subscriptions, returns a summary. */
export const setupSubscriptions = async (event: unknown) => (await setup())(event);

/** SQS event source of the notification queue (`ReportBatchItemFailures`). */
export const consumeNotifications = async (event: SQSEvent, context: Context) =>
  (await consumer())(event, context);

/** The ingestion state machine's `WaitForNotification` task (`RegisterReportWaiterInput`). */
export const registerWaiter = async (event: unknown) => (await waiter())(event);

/** Daily schedule (`{ scheduledTime }`): getReports backstop for settlements that did not land. */
export const sweepSettlements = async (event: unknown, context?: Context) =>
  (await sweep())(event, context);
