/** An LWA access token and when it expires (epoch ms). */
export interface AccessToken {
  readonly accessToken: string;
  readonly expiresAt: number;
}
