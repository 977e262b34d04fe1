// @ts-check

// Which operations take a grantless (client_credentials) token, and with which scope.
// The Swagger models carry no `x-amzn-*` extension for this (checked: the only ones are
// x-amzn-api-sandbox, x-amzn-api-sandbox-only, x-amzn-api-internal, x-amzn-RequestId and
// x-amzn-RateLimit-Limit), so the list below is kept here, from SPAPI.md section 2.4 (grantless
// operations and scopes). `operationScopeFromExtension` is still consulted first so that a future
// model that marks them wins over this list.
const NOTIFICATIONS_SCOPE = 'sellingpartnerapi::notifications';
const ROTATION_SCOPE = 'sellingpartnerapi::client_credential:rotation';

/** @type {Readonly<Record<string, string>>} */
const GRANTLESS_OPERATIONS = {
  getDestinations: NOTIFICATIONS_SCOPE,
  createDestination: NOTIFICATIONS_SCOPE,
  getDestination: NOTIFICATIONS_SCOPE,
  deleteDestination: NOTIFICATIONS_SCOPE,
  getSubscriptionById: NOTIFICATIONS_SCOPE,
  deleteSubscriptionById: NOTIFICATIONS_SCOPE,
  sendTestNotification: NOTIFICATIONS_SCOPE,
  rotateApplicationClientSecret: ROTATION_SCOPE,
};

/** The scopes a grantless operation may need (SPAPI.md 2.4). */
export const grantlessScopes = [NOTIFICATIONS_SCOPE, ROTATION_SCOPE];

/**
 * A scope named by an `x-amzn-*grantless*` / `x-amzn-*scope*` extension on the operation, if any.
 * @param {Record<string, unknown>} operation
 * @returns {string | undefined}
 */
function operationScopeFromExtension(operation) {
  for (const [key, value] of Object.entries(operation)) {
    if (/^x-amzn-.*(grantless|scope)/i.test(key) && typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * The grantless scope of an operation, or null when it needs the selling partner's token.
 * Fails when the description calls an operation grantless that the list does not know, so a model
 * update cannot silently turn a grantless call into a partner call.
 * @param {string} operationId
 * @param {Record<string, unknown>} operation
 * @returns {string | null}
 */
export function grantlessScopeOf(operationId, operation) {
  const scope = operationScopeFromExtension(operation) ?? GRANTLESS_OPERATIONS[operationId] ?? null;
  const description = typeof operation['description'] === 'string' ? operation['description'] : '';
  if (scope === null && /\bis grantless\b/i.test(description)) {
    throw new Error(`${operationId}: the model calls it grantless but no scope is known for it`);
  }
  if (scope !== null && !grantlessScopes.includes(scope)) {
    throw new Error(`${operationId}: unknown grantless scope ${scope}`);
  }
  return scope;
}

/**
 * Operation ids of the list that none of the given models defines (a renamed or removed operation).
 * @param {Iterable<string>} operationIds
 * @returns {string[]}
 */
export function unknownGrantlessOperations(operationIds) {
  const known = new Set(operationIds);
  return Object.keys(GRANTLESS_OPERATIONS).filter((id) => !known.has(id));
}
