import { Region } from '@spapi-lake/config';
import { TypedError } from '@spapi-lake/core';
import { z } from 'zod';
import { VendRequestInvalidError } from './errors';
import { GrantlessScope } from './grantless-scope';

const SELLING_PARTNER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Which token to vend: a partner's for a region, or a grantless one for a scope. */
export const VendGrantSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('partner'),
    sellingPartnerId: z.string().regex(SELLING_PARTNER_ID),
    region: z.enum(Region),
  }),
  z.strictObject({ kind: z.literal('grantless'), scope: z.enum(GrantlessScope) }),
]);
export type VendGrant = z.output<typeof VendGrantSchema>;

// Only the notifications scope crosses the invocation boundary: a rotation token would let any
// function allowed to vend rotate the application's client secret; the broker rotates in process.
const InvokableVendGrantSchema = VendGrantSchema.refine(
  (grant) => grant.kind !== 'grantless' || grant.scope === GrantlessScope.Notifications,
  { path: ['scope'], error: 'only the notifications scope is vended to other functions' },
);

/** The direct invocation payload that asks the broker for an access token. */
export const VendRequestSchema = z.strictObject({
  action: z.literal('vend'),
  grant: InvokableVendGrantSchema,
  /** The caller's API said the token it had expired or was refused: skip the broker's cache. */
  forceRefresh: z.boolean().optional(),
});
export type VendRequest = z.output<typeof VendRequestSchema>;

/** A failure as it crosses the invocation boundary: stable name, secret-free message, retryability. */
export const VendFailureSchema = z.object({
  name: z.string().min(1),
  message: z.string(),
  retryable: z.boolean(),
});
export type VendFailure = z.output<typeof VendFailureSchema>;

/** The broker's answer to a vend request; errors are answers, not Lambda function errors. */
export const VendResponseSchema = z.union([
  z.object({ ok: z.literal(true), accessToken: z.string().min(1), expiresAt: z.number() }),
  z.object({ ok: z.literal(false), error: VendFailureSchema }),
]);
export type VendResponse = z.output<typeof VendResponseSchema>;

/** Validates a vend request; the VendRequestInvalidError names the bad paths, never values. */
export function parseVendRequest(payload: unknown): VendRequest {
  const result = VendRequestSchema.safeParse(payload);
  if (result.success) return result.data;
  const paths = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || 'request'))];
  throw new VendRequestInvalidError(
    `Invalid vend request (${paths.join(', ')}): expected { action: 'vend', grant: { kind: 'partner', sellingPartnerId, region: NA|EU|FE } | { kind: 'grantless', scope: '${GrantlessScope.Notifications}' } }`,
  );
}

/**
 * The failure answer for `error`. Only our typed errors keep their message (they never carry
 * secrets); anything else is reported by a fixed text, as its message may quote a response.
 */
export function toVendFailure(error: unknown): VendFailure {
  if (error instanceof TypedError) {
    return { name: error.name, message: error.message, retryable: error.retryable };
  }
  return {
    name: 'TokenBrokerInternalError',
    message: 'The token broker failed unexpectedly; see its logs',
    retryable: true,
  };
}
