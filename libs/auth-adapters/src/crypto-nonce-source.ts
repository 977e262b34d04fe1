import { randomBytes } from 'node:crypto';
import type { NonceSource } from '@spapi-lake/auth';

/** 256-bit nonces from the operating system's CSPRNG, base64url-encoded (43 characters). */
export const cryptoNonceSource: NonceSource = {
  next: () => randomBytes(32).toString('base64url'),
};
