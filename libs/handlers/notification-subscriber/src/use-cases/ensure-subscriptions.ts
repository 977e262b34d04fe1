import type { Account, Region } from '@spapi-lake/config';
import {
  type Destination,
  type NotificationsApi,
  type Subscription,
  SpApiNotFoundError,
  SpApiRequestError,
} from '@spapi-lake/sp-api';
import type { AccountSource } from '../account-source';
import { SubscriptionDestinationMismatchError } from '../errors';
import type { SubscriptionDirectory } from '../subscription-directory';
import { type WantedSubscription, subscriptionPlan } from './subscription-plan';

/** Whom a Notifications API client acts for: grantless calls omit the partner. */
export interface NotificationsApiTarget {
  readonly region: Region;
  readonly sellingPartnerId?: string;
}

/** Where notifications are delivered. */
export interface SubscriptionSetupSettings {
  /** The standard SQS queue SP-API sends to (policy allows principal 437568002678). */
  readonly sqsQueueArn: string;
  /** The AWS account that receives the EventBridge partner event source. */
  readonly eventBridgeAccountId: string;
  /** AWS region of the EventBridge destination of each SP-API region. */
  readonly eventBridgeRegion: (region: Region) => string;
  readonly sqsDestinationName?: string;
  readonly eventBridgeDestinationName?: string;
}

/** Dependencies of {@link ensureSubscriptions}. */
export interface EnsureSubscriptionsDeps {
  readonly accounts: AccountSource;
  readonly notificationsApi: (target: NotificationsApiTarget) => NotificationsApi;
  readonly directory: SubscriptionDirectory;
  readonly settings: SubscriptionSetupSettings;
}

/** `existing`: found as wanted; `replaced`: it pointed at another destination and was recreated. */
export type SetupAction = 'existing' | 'created' | 'replaced';

/** What setup found or did, for the logs and the invoker. */
export interface SetupSummary {
  readonly destinations: {
    readonly region: Region;
    readonly transport: 'sqs' | 'eventbridge';
    readonly destinationId: string;
    readonly action: 'existing' | 'created';
  }[];
  readonly subscriptions: {
    readonly sellingPartnerId: string;
    readonly region: Region;
    readonly notificationType: string;
    readonly payloadVersion: string;
    readonly subscriptionId: string;
    readonly destinationId: string;
    readonly action: SetupAction;
  }[];
  /** Steps that failed; the others went on (one partner's revoked token blocks no one else). */
  readonly failures: {
    readonly region: Region;
    readonly sellingPartnerId?: string;
    readonly step: string;
    readonly errorName: string;
    readonly message: string;
  }[];
}

type Transport = WantedSubscription['transport'];

/** The destination of one transport in a region, or why it could not be ensured. */
type DestinationOutcome =
  | { readonly destinationId: string }
  | { readonly failure: { readonly errorName: string; readonly message: string } };

/**
 * Makes SP-API deliver what the pipeline consumes, idempotently: per region of the active accounts
 * only the SQS and EventBridge destinations its accounts' plans use (grantless, found by resource
 * before creating), then per account the subscriptions of its plan (getSubscription first, a 409 on
 * create tolerated). A destination that cannot be ensured fails only the subscriptions that use it.
 * Every subscription is recorded in the directory so the consumer can tell partner and region.
 */
export async function ensureSubscriptions(deps: EnsureSubscriptionsDeps): Promise<SetupSummary> {
  const summary: SetupSummary = { destinations: [], subscriptions: [], failures: [] };
  const accounts = (await deps.accounts.list()).filter((account) => account.status === 'active');
  const regions = [...new Set(accounts.map((account) => account.region))].sort();
  for (const region of regions) {
    const destinationOf = regionDestinations(deps, region, summary);
    for (const account of accounts.filter((candidate) => candidate.region === region)) {
      const { sellingPartnerId } = account;
      for (const wanted of subscriptionPlan(account)) {
        const step = wanted.notificationType;
        const destination = await destinationOf(wanted.transport);
        if ('failure' in destination) {
          // Named after the destination's own error, so the handler's summary shows the cause.
          summary.failures.push({
            region,
            sellingPartnerId,
            step,
            errorName: destination.failure.errorName,
            message: `not attempted: the ${wanted.transport} destination of ${region} could not be ensured`,
          });
          continue;
        }
        try {
          await ensureSubscription(deps, account, wanted, destination.destinationId, summary);
        } catch (error) {
          summary.failures.push({ region, sellingPartnerId, step, ...describe(error) });
        }
      }
    }
  }
  return summary;
}

/**
 * The destination of each transport of a region, ensured the first time a subscription asks for it
 * (so a region whose plans need no EventBridge type never creates one). A failure is recorded once
 * in the summary and returned, not thrown.
 */
function regionDestinations(
  deps: EnsureSubscriptionsDeps,
  region: Region,
  summary: SetupSummary,
): (transport: Transport) => Promise<DestinationOutcome> {
  const api = deps.notificationsApi({ region });
  const { settings } = deps;
  const eventBridgeRegion = settings.eventBridgeRegion(region);
  const isSqs = (d: Destination) => d.resource.sqs?.arn === settings.sqsQueueArn;
  const isEventBridge = (d: Destination) =>
    d.resource.eventBridge?.accountId === settings.eventBridgeAccountId &&
    d.resource.eventBridge.region === eventBridgeRegion;
  let listed: Destination[] | undefined;
  const ensure = async (
    transport: Transport,
    matches: (d: Destination) => boolean,
    create: () => Promise<Destination>,
  ): Promise<string> => {
    listed ??= await api.getDestinations();
    const found = listed.find(matches);
    if (found !== undefined) {
      summary.destinations.push({
        region,
        transport,
        destinationId: found.destinationId,
        action: 'existing',
      });
      return found.destinationId;
    }
    let created: Destination | undefined;
    try {
      created = await create();
    } catch (error) {
      if (!isConflict(error)) throw error;
      // Created meanwhile by a concurrent run.
      listed = await api.getDestinations();
      created = listed.find(matches);
      if (created === undefined) throw error;
    }
    summary.destinations.push({
      region,
      transport,
      destinationId: created.destinationId,
      action: 'created',
    });
    return created.destinationId;
  };
  const ensurers: Record<Transport, () => Promise<string>> = {
    sqs: () =>
      ensure('sqs', isSqs, () =>
        api.createDestination({
          name: settings.sqsDestinationName ?? 'spapi-lake-notifications',
          resourceSpecification: { sqs: { arn: settings.sqsQueueArn } },
        }),
      ),
    eventbridge: () =>
      ensure('eventbridge', isEventBridge, () =>
        api.createDestination({
          name: settings.eventBridgeDestinationName ?? 'spapi-lake-listings',
          resourceSpecification: {
            eventBridge: { accountId: settings.eventBridgeAccountId, region: eventBridgeRegion },
          },
        }),
      ),
  };
  const outcomes = new Map<Transport, Promise<DestinationOutcome>>();
  return (transport) => {
    let outcome = outcomes.get(transport);
    if (outcome === undefined) {
      outcome = ensurers[transport]().then(
        (destinationId) => ({ destinationId }),
        (error: unknown) => {
          const failure = describe(error);
          summary.failures.push({ region, step: `${transport} destination`, ...failure });
          return { failure };
        },
      );
      outcomes.set(transport, outcome);
    }
    return outcome;
  };
}

async function ensureSubscription(
  deps: EnsureSubscriptionsDeps,
  account: Account,
  wanted: WantedSubscription,
  destinationId: string,
  summary: SetupSummary,
): Promise<void> {
  const { region, sellingPartnerId } = account;
  const api = deps.notificationsApi({ region, sellingPartnerId });
  const { notificationType, payloadVersion } = wanted;
  const existing = await findSubscription(api, wanted);
  let subscription: Subscription;
  let action: SetupAction;
  if (existing?.destinationId === destinationId) {
    subscription = existing;
    action = 'existing';
  } else {
    const owner = { sellingPartnerId, region, notificationType };
    // Read before the create, so that forgetting it never removes what a concurrent run records;
    // a directory that cannot answer (throttled, a malformed item record() would overwrite) must
    // not stop the create.
    const recorded = await deps.directory.findByOwner(owner).catch(() => undefined);
    ({ subscription, action } = await createSubscription(deps, api, region, wanted, {
      existing,
      destinationId,
    }).catch(async (error: unknown) => {
      // No subscription delivers to our destination now: an entry still naming the owner's old
      // one would keep every ingestion of the partner waiting the full notification timeout for
      // a notification that cannot come. Forgotten, they poll at once until a run succeeds.
      if (recorded !== undefined) await deps.directory.forgetOwner(recorded).catch(() => undefined);
      throw error;
    }));
  }
  await deps.directory.record({
    subscriptionId: subscription.subscriptionId,
    notificationType,
    sellingPartnerId,
    region,
    destinationId: subscription.destinationId,
  });
  summary.subscriptions.push({
    sellingPartnerId,
    region,
    notificationType,
    payloadVersion,
    subscriptionId: subscription.subscriptionId,
    destinationId: subscription.destinationId,
    action,
  });
}

// Creates the subscription, deleting first the one that delivers elsewhere (an old queue).
async function createSubscription(
  deps: EnsureSubscriptionsDeps,
  api: NotificationsApi,
  region: Region,
  wanted: WantedSubscription,
  target: { readonly existing: Subscription | undefined; readonly destinationId: string },
): Promise<{ subscription: Subscription; action: SetupAction }> {
  const { notificationType, payloadVersion } = wanted;
  const { existing, destinationId } = target;
  if (existing !== undefined) {
    // deleteSubscriptionById is grantless.
    await deps
      .notificationsApi({ region })
      .deleteSubscriptionById(notificationType, existing.subscriptionId);
  }
  try {
    const subscription = await api.createSubscription(notificationType, {
      payloadVersion,
      destinationId,
    });
    return { subscription, action: existing === undefined ? 'created' : 'replaced' };
  } catch (error) {
    if (!isConflict(error)) throw error;
    // Created meanwhile by a concurrent run: take what is there now, but only if it delivers
    // where we want. Amazon deletes asynchronously, so right after a replacing delete the 409
    // and getSubscription can still be the old subscription; accepting it would report success
    // while Amazon delivers elsewhere (silently). The next setup run replaces it.
    const now = await findSubscription(api, wanted);
    if (now === undefined) throw error;
    if (now.destinationId !== destinationId) {
      throw new SubscriptionDestinationMismatchError(
        `createSubscription ${notificationType} answered 409 and subscription ${now.subscriptionId} delivers to destination ${now.destinationId}, not ${destinationId}`,
        { cause: error },
      );
    }
    return { subscription: now, action: 'existing' };
  }
}

async function findSubscription(
  api: NotificationsApi,
  wanted: WantedSubscription,
): Promise<Subscription | undefined> {
  try {
    return await api.getSubscription(wanted.notificationType, {
      payloadVersion: wanted.payloadVersion,
    });
  } catch (error) {
    if (error instanceof SpApiNotFoundError) return undefined;
    throw error;
  }
}

function isConflict(error: unknown): boolean {
  return error instanceof SpApiRequestError && error.status === 409;
}

// Our errors' messages name operations and statuses, never tokens.
function describe(error: unknown): { errorName: string; message: string } {
  return error instanceof Error
    ? { errorName: error.name, message: error.message }
    : { errorName: 'UnknownError', message: 'a non-Error value was thrown' };
}
