import { unauthorized } from '../server/authenticate';
import { type OperationHandlers, errorResponse } from '../server/operation';
import { type World, newClientSecret } from '../world/world';

const DAY_MS = 86_400_000;
/** How long the previous secret keeps working after a rotation. */
export const OLD_SECRET_GRACE_MS = 7 * DAY_MS;
/** How long a client secret lives before Amazon requires rotation. */
export const CLIENT_SECRET_LIFETIME_MS = 180 * DAY_MS;

const NOT_ENROLLED =
  'Application is not enrolled for rotation notification. Please update application notification preference in Developer console.';

/**
 * Marks whether an application registered a queue for APPLICATION_OAUTH_CLIENT_NEW_SECRET in the
 * developer console (default: enrolled). Without it rotation answers 400, as SP-API does.
 */
export function setRotationNotificationEnrollment(
  world: World,
  clientId: string,
  enrolled: boolean,
): void {
  const notEnrolled = world.state('application-management', () => new Set<string>());
  if (enrolled) notEnrolled.delete(clientId);
  else notEnrolled.add(clientId);
}

/** Application Management API 2023-11-30: rotateApplicationClientSecret (grantless). */
export const applicationManagementHandlers: OperationHandlers = {
  rotateApplicationClientSecret: (request, ctx) => {
    if (request.caller.kind !== 'grantless') return unauthorized('');
    const client = ctx.world.clients.get(request.caller.clientId);
    if (client === undefined) return unauthorized('');
    if (ctx.world.state('application-management', () => new Set<string>()).has(client.clientId)) {
      return errorResponse(400, 'InvalidInput', NOT_ENROLLED);
    }
    const now = ctx.clock.now();
    const oldExpiry = now + OLD_SECRET_GRACE_MS;
    for (const secret of client.clientSecrets) {
      if (secret.expiresAt === null || secret.expiresAt > oldExpiry) secret.expiresAt = oldExpiry;
    }
    const value = newClientSecret(ctx.random);
    client.clientSecrets.push({ value, expiresAt: null });
    ctx.notifications.applicationClientNewSecret({
      clientId: client.clientId,
      applicationId: client.applicationId,
      newClientSecret: value,
      newClientSecretExpiryTime: new Date(now + CLIENT_SECRET_LIFETIME_MS).toISOString(),
      oldClientSecretExpiryTime: new Date(oldExpiry).toISOString(),
    });
    return { status: 204 };
  },
};
