/** How the broker presents itself in the authorization workflows. */
export interface AuthorizationSettings {
  /** The SP-API application id (`amzn1.sp.solution.…`). */
  readonly applicationId: string;
  /** The registered OAuth redirect URI that reaches `/callback`. */
  readonly redirectUri: string;
  /** True while the application is a draft: consent URLs carry `version=beta`. */
  readonly draft: boolean;
  /** How long a state (and its cookie) stays valid. */
  readonly stateTtlMs: number;
  /** Replaces the Seller / Vendor Central base of consent URLs (the simulator, a test site). */
  readonly consentBaseUrlOverride?: { readonly seller?: string; readonly vendor?: string };
}

/** Ten minutes: long enough to sign in to Seller Central, short enough to limit a leaked state. */
export const DEFAULT_STATE_TTL_MS = 10 * 60_000;
