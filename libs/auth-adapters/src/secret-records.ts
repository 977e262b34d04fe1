import type {
  PendingClientSecret,
  StoredClientCredentials,
  StoredRefreshToken,
} from '@spapi-lake/auth';
import { z } from 'zod';
import { SecretValueInvalidError } from './errors';

const isoTime = z.iso.datetime({ offset: true });

/** The JSON of a refresh token secret; `authorizedAt` may be absent in hand-made secrets. */
const refreshTokenRecordSchema = z.object({
  refreshToken: z.string().min(1),
  authorizedAt: isoTime.optional(),
});

/** The JSON of the client credentials secret; times may be absent in a hand-made first secret. */
const clientCredentialsRecordSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  issuedAt: isoTime.optional(),
  expiresAt: isoTime.optional(),
  previousSecretExpiresAt: isoTime.optional(),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads a refresh token secret: the broker's JSON record, or a bare `Atzr|…` token pasted by hand
 * (then `createdAt`, the version's creation time, stands in for the authorization time).
 */
export function readRefreshTokenRecord(
  secretName: string,
  value: string,
  createdAt: number,
): StoredRefreshToken {
  const trimmed = value.trim();
  if (trimmed.startsWith('Atzr|')) return { refreshToken: trimmed, authorizedAt: createdAt };
  const record = refreshTokenRecordSchema.safeParse(parseJson(trimmed));
  if (!record.success) {
    throw new SecretValueInvalidError(
      `Secret ${secretName} holds neither a refresh token record {"refreshToken","authorizedAt"} nor an Atzr| token`,
    );
  }
  return {
    refreshToken: record.data.refreshToken,
    authorizedAt:
      record.data.authorizedAt === undefined ? createdAt : Date.parse(record.data.authorizedAt),
  };
}

/** The JSON written for a refresh token (partner and region too, for whoever reads the secret). */
export function writeRefreshTokenRecord(
  token: StoredRefreshToken,
  partner: { readonly sellingPartnerId: string; readonly region: string },
): string {
  return JSON.stringify({
    refreshToken: token.refreshToken,
    authorizedAt: new Date(token.authorizedAt).toISOString(),
    sellingPartnerId: partner.sellingPartnerId,
    region: partner.region,
  });
}

/** Reads the client credentials secret; `createdAt` stands in for a missing `issuedAt`. */
export function readClientCredentialsRecord(
  secretName: string,
  value: string,
  createdAt: number,
): StoredClientCredentials {
  const record = clientCredentialsRecordSchema.safeParse(parseJson(value));
  if (!record.success) {
    throw new SecretValueInvalidError(
      `Secret ${secretName} does not hold client credentials {"clientId","clientSecret"}`,
    );
  }
  const { clientId, clientSecret, issuedAt, expiresAt, previousSecretExpiresAt } = record.data;
  return {
    clientId,
    clientSecret,
    issuedAt: issuedAt === undefined ? createdAt : Date.parse(issuedAt),
    ...(expiresAt === undefined ? {} : { expiresAt: Date.parse(expiresAt) }),
    ...(previousSecretExpiresAt === undefined
      ? {}
      : { previousSecretExpiresAt: Date.parse(previousSecretExpiresAt) }),
  };
}

/** The JSON written for a client secret version. */
export function writeClientCredentialsRecord(secret: PendingClientSecret): string {
  const iso = (time: number | undefined) =>
    time === undefined ? undefined : new Date(time).toISOString();
  return JSON.stringify({
    clientId: secret.clientId,
    clientSecret: secret.clientSecret,
    issuedAt: iso(secret.issuedAt),
    expiresAt: iso(secret.expiresAt),
    previousSecretExpiresAt: iso(secret.previousSecretExpiresAt),
  });
}
