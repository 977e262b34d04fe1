/** An access token as this lib hands it out; `expiresAt` is epoch ms on the client's Clock. */
export interface LwaAccessToken {
  readonly accessToken: string;
  readonly expiresAt: number;
  /** Echo of the submitted token (refresh grant) or the new long-lived one (authorization code). */
  readonly refreshToken?: string;
}
