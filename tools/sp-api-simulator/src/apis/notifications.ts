import { queryFingerprint, decodePageToken, pageOf } from '../catalog/page-token';
import { intParam } from '../catalog/query-params';
import { partnerEventSourceName } from '../notifications/envelopes/eventbridge-event';
import {
  notificationState,
  type DestinationRecord,
  type DestinationResource,
  type SubscriptionRecord,
} from '../notifications/notification-state';
import { notificationTypeRule } from '../notifications/notification-types';
import type { SimulatorContext } from '../server/context';
import {
  errorResponse,
  type OperationHandlers,
  type OperationRequest,
  type OperationResponse,
} from '../server/operation';
import { GRANTLESS_SCOPES } from '../world/world';

const INVALID_INPUT = 'Request has missing or invalid parameters and cannot be parsed.';
const NOT_FOUND = 'The resource specified does not exist.';
const SQS_ARN = /^arn:aws:sqs:\S+:\S+:\S+/;

const invalidInput = (details?: string): OperationResponse =>
  errorResponse(400, 'InvalidInput', INVALID_INPUT, details);
const notFound = (details?: string): OperationResponse =>
  errorResponse(404, 'NotFound', NOT_FOUND, details);
const accessDenied = (details: string): OperationResponse =>
  errorResponse(403, 'Unauthorized', 'Access to requested resource is denied.', details);
const ok = (payload?: unknown): OperationResponse => ({
  status: 200,
  body: payload === undefined ? {} : { payload },
});

/** The caller's application for a grantless operation, or the 403 SP-API answers. */
function grantlessApplication(
  request: OperationRequest,
  context: SimulatorContext,
): string | OperationResponse {
  const { caller } = request;
  if (caller.kind !== 'grantless' || caller.scope !== GRANTLESS_SCOPES.notifications) {
    return accessDenied(
      `${request.operationId} requires a grantless token for the notifications scope.`,
    );
  }
  return (
    context.world.clients.get(caller.clientId)?.applicationId ??
    accessDenied('Unknown application client.')
  );
}

/** The caller's application and selling partner for a partner operation, or a 403. */
function partnerCaller(
  request: OperationRequest,
  context: SimulatorContext,
): { applicationId: string; sellingPartnerId: string } | OperationResponse {
  const { caller } = request;
  if (caller.kind !== 'partner') {
    return accessDenied(`${request.operationId} requires a selling partner's access token.`);
  }
  const applicationId = context.world.clients.get(caller.clientId)?.applicationId;
  if (applicationId === undefined) return accessDenied('Unknown application client.');
  return { applicationId, sellingPartnerId: caller.sellingPartnerId };
}

const isResponse = (value: unknown): value is OperationResponse =>
  typeof value === 'object' && value !== null && 'status' in value;

const subscriptionView = (subscription: SubscriptionRecord): Record<string, unknown> => ({
  subscriptionId: subscription.subscriptionId,
  payloadVersion: subscription.payloadVersion,
  destinationId: subscription.destinationId,
});

const destinationView = (destination: DestinationRecord): Record<string, unknown> => ({
  destinationId: destination.destinationId,
  name: destination.name,
  resource: destination.resource,
});

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

const getSubscriptions = (request: OperationRequest, context: SimulatorContext) => {
  const who = partnerCaller(request, context);
  if (isResponse(who)) return who;
  const types = request.query.getAll('notificationTypes').join(',').split(',');
  const [notificationType] = types;
  if (types.length !== 1 || notificationType === undefined || notificationType === '') {
    return invalidInput('notificationTypes must hold exactly one notification type.');
  }
  if (notificationTypeRule(notificationType) === undefined) {
    return invalidInput(`Notification type ${notificationType} is not supported.`);
  }
  const payloadVersion = request.query.get('payloadVersion');
  const pageSize = intParam(request.query, 'pageSize', 30);
  if (pageSize === undefined || pageSize < 30 || pageSize > 100) {
    return invalidInput('pageSize must be between 30 and 100.');
  }
  const matches = [...notificationState(context.world).subscriptions.values()].filter(
    (s) =>
      s.applicationId === who.applicationId &&
      s.sellingPartnerId === who.sellingPartnerId &&
      s.notificationType === notificationType &&
      (payloadVersion === null || s.payloadVersion === payloadVersion),
  );
  const fingerprint = queryFingerprint([who.sellingPartnerId, notificationType, payloadVersion]);
  const token = request.query.get('nextToken');
  const offset = token === null ? 0 : decodePageToken(token, fingerprint);
  if (offset === undefined) return invalidInput('Invalid nextToken.');
  const page = pageOf(matches, offset, pageSize, fingerprint);
  return ok({
    subscriptions: page.items.map(subscriptionView),
    ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
  });
};

const getSubscription = (request: OperationRequest, context: SimulatorContext) => {
  const who = partnerCaller(request, context);
  if (isResponse(who)) return who;
  const notificationType = request.pathParams['notificationType'] ?? '';
  const rule = notificationTypeRule(notificationType);
  if (rule === undefined)
    return invalidInput(`Notification type ${notificationType} is not supported.`);
  // Without payloadVersion SP-API answers the latest version's subscription.
  const payloadVersion = request.query.get('payloadVersion') ?? rule.payloadVersion;
  const subscription = [...notificationState(context.world).subscriptions.values()].find(
    (s) =>
      s.applicationId === who.applicationId &&
      s.sellingPartnerId === who.sellingPartnerId &&
      s.notificationType === notificationType &&
      s.payloadVersion === payloadVersion,
  );
  return subscription === undefined ? notFound() : ok(subscriptionView(subscription));
};

const createSubscription = (request: OperationRequest, context: SimulatorContext) => {
  const who = partnerCaller(request, context);
  if (isResponse(who)) return who;
  const notificationType = request.pathParams['notificationType'] ?? '';
  const rule = notificationTypeRule(notificationType);
  if (rule === undefined)
    return invalidInput(`Notification type ${notificationType} is not supported.`);
  const body = asRecord(request.body);
  const payloadVersion = body?.['payloadVersion'];
  const destinationId = body?.['destinationId'];
  if (typeof payloadVersion !== 'string' || typeof destinationId !== 'string')
    return invalidInput();
  if (rule.retiredPayloadVersions.includes(payloadVersion)) {
    return invalidInput(`Payload version ${payloadVersion} of ${notificationType} is retired.`);
  }
  if (payloadVersion !== rule.payloadVersion) {
    return invalidInput(`Payload version ${payloadVersion} is not valid for ${notificationType}.`);
  }
  // None of the simulated types supports an eventFilterType or a filterExpression.
  if (body?.['processingDirective'] !== undefined) {
    return invalidInput(`processingDirective is not supported for ${notificationType}.`);
  }
  const state = notificationState(context.world);
  const destination = state.destinations.get(destinationId);
  if (destination === undefined || destination.applicationId !== who.applicationId) {
    return invalidInput(
      `No destination with id ${destinationId} for applicationId ${who.applicationId}`,
    );
  }
  const transport = 'sqs' in destination.resource ? 'sqs' : 'eventbridge';
  if (transport !== rule.transport) return invalidInput();
  const existing = [...state.subscriptions.values()].find(
    (s) =>
      s.applicationId === who.applicationId &&
      s.sellingPartnerId === who.sellingPartnerId &&
      s.notificationType === notificationType &&
      s.payloadVersion === payloadVersion,
  );
  if (existing !== undefined) {
    return errorResponse(
      409,
      'StateConflict',
      'The resource specified conflicts with the current state.',
      `Subscription already exist for notification type ${notificationType} and payload version ${payloadVersion}: subscriptionId ${existing.subscriptionId}, destinationId ${existing.destinationId}`,
    );
  }
  const subscription: SubscriptionRecord = {
    subscriptionId: context.newId(''),
    applicationId: who.applicationId,
    sellingPartnerId: who.sellingPartnerId,
    notificationType,
    payloadVersion,
    destinationId,
  };
  state.subscriptions.set(subscription.subscriptionId, subscription);
  return ok(subscriptionView(subscription));
};

/** The application's subscription named by the path, or undefined. */
function subscriptionById(
  request: OperationRequest,
  context: SimulatorContext,
  applicationId: string,
): SubscriptionRecord | undefined {
  const subscription = notificationState(context.world).subscriptions.get(
    request.pathParams['subscriptionId'] ?? '',
  );
  return subscription !== undefined &&
    subscription.applicationId === applicationId &&
    subscription.notificationType === request.pathParams['notificationType']
    ? subscription
    : undefined;
}

const getSubscriptionById = (request: OperationRequest, context: SimulatorContext) => {
  const applicationId = grantlessApplication(request, context);
  if (isResponse(applicationId)) return applicationId;
  const subscription = subscriptionById(request, context, applicationId);
  return subscription === undefined ? notFound() : ok(subscriptionView(subscription));
};

const deleteSubscriptionById = (request: OperationRequest, context: SimulatorContext) => {
  const applicationId = grantlessApplication(request, context);
  if (isResponse(applicationId)) return applicationId;
  const subscription = subscriptionById(request, context, applicationId);
  if (subscription === undefined) return notFound();
  notificationState(context.world).subscriptions.delete(subscription.subscriptionId);
  return ok();
};

const sendTestNotification = (request: OperationRequest, context: SimulatorContext) => {
  const applicationId = grantlessApplication(request, context);
  if (isResponse(applicationId)) return applicationId;
  return invalidInput('sendTestNotification is a sandbox-only operation.');
};

const getDestinations = (request: OperationRequest, context: SimulatorContext) => {
  const applicationId = grantlessApplication(request, context);
  if (isResponse(applicationId)) return applicationId;
  return ok(
    [...notificationState(context.world).destinations.values()]
      .filter((d) => d.applicationId === applicationId)
      .map(destinationView),
  );
};

/** The destination resource a createDestination body asks for, or the 400 it deserves. */
function resourceFrom(
  specification: Record<string, unknown> | undefined,
  applicationId: string,
): DestinationResource | OperationResponse {
  const sqs = asRecord(specification?.['sqs']);
  const eventBridge = asRecord(specification?.['eventBridge']);
  if ((sqs === undefined) === (eventBridge === undefined)) {
    return invalidInput('resourceSpecification must hold exactly one of sqs or eventBridge.');
  }
  if (sqs !== undefined) {
    const arn = sqs['arn'];
    if (typeof arn !== 'string' || !SQS_ARN.test(arn) || arn.length > 1000) {
      return invalidInput('resourceSpecification.sqs.arn is not a valid SQS queue ARN.');
    }
    return { sqs: { arn } };
  }
  const accountId = eventBridge?.['accountId'];
  const region = eventBridge?.['region'];
  if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) {
    return invalidInput('resourceSpecification.eventBridge.accountId must be an AWS account id.');
  }
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    return invalidInput('resourceSpecification.eventBridge.region must be an AWS region.');
  }
  return {
    eventBridge: { name: partnerEventSourceName(accountId, applicationId), region, accountId },
  };
}

const sameResource = (a: DestinationResource, b: DestinationResource): boolean =>
  'sqs' in a
    ? 'sqs' in b && a.sqs.arn === b.sqs.arn
    : 'eventBridge' in b &&
      a.eventBridge.accountId === b.eventBridge.accountId &&
      a.eventBridge.region === b.eventBridge.region;

const createDestination = (request: OperationRequest, context: SimulatorContext) => {
  const applicationId = grantlessApplication(request, context);
  if (isResponse(applicationId)) return applicationId;
  const body = asRecord(request.body);
  const name = body?.['name'];
  if (typeof name !== 'string' || name.length === 0 || name.length > 256) {
    return invalidInput('name must be 1 to 256 characters.');
  }
  const resource = resourceFrom(asRecord(body?.['resourceSpecification']), applicationId);
  if (isResponse(resource)) return resource;
  const state = notificationState(context.world);
  const clash = [...state.destinations.values()].find(
    (d) => d.applicationId === applicationId && sameResource(d.resource, resource),
  );
  if (clash !== undefined) {
    const what =
      'sqs' in resource ? `arn ${resource.sqs.arn}` : `event source ${resource.eventBridge.name}`;
    return errorResponse(
      409,
      'Conflict',
      'The requested resource conflict with a resource in the server.',
      `A destination with ${what} already exists for the application ${applicationId}`,
    );
  }
  const destination: DestinationRecord = {
    destinationId: context.newId(''),
    applicationId,
    name,
    resource,
  };
  state.destinations.set(destination.destinationId, destination);
  return ok(destinationView(destination));
};

/** The application's destination named by the path, or undefined. */
function destinationById(
  request: OperationRequest,
  context: SimulatorContext,
  applicationId: string,
): DestinationRecord | undefined {
  const destination = notificationState(context.world).destinations.get(
    request.pathParams['destinationId'] ?? '',
  );
  return destination?.applicationId === applicationId ? destination : undefined;
}

const getDestination = (request: OperationRequest, context: SimulatorContext) => {
  const applicationId = grantlessApplication(request, context);
  if (isResponse(applicationId)) return applicationId;
  const destination = destinationById(request, context, applicationId);
  return destination === undefined ? notFound() : ok(destinationView(destination));
};

const deleteDestination = (request: OperationRequest, context: SimulatorContext) => {
  const applicationId = grantlessApplication(request, context);
  if (isResponse(applicationId)) return applicationId;
  const destination = destinationById(request, context, applicationId);
  if (destination === undefined) return notFound();
  const state = notificationState(context.world);
  const inUse = [...state.subscriptions.values()].some(
    (s) => s.destinationId === destination.destinationId,
  );
  // Observed SP-API behaviour: a destination with subscriptions cannot be deleted.
  if (inUse) {
    return errorResponse(
      403,
      'Unauthorized',
      'The requested action is forbidden.',
      'Destination has subscriptions',
    );
  }
  state.destinations.delete(destination.destinationId);
  return ok();
};

/** Notifications API v1 handlers (destinations are per application, subscriptions per partner). */
export const notificationsHandlers: OperationHandlers = {
  getSubscriptions,
  getSubscription,
  createSubscription,
  getSubscriptionById,
  deleteSubscriptionById,
  sendTestNotification,
  getDestinations,
  createDestination,
  getDestination,
  deleteDestination,
};
