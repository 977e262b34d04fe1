import type { TokenGrant, TokenProvider, TokenRefreshOptions } from '../token-provider';

/** A TokenProvider for specs: hands out numbered fake tokens and records every request. */
export class RecordingTokenProvider implements TokenProvider {
  readonly requests: { grant: TokenGrant; forceRefresh: boolean; rejectedToken?: string }[] = [];
  private issued = 0;

  async getToken(grant: TokenGrant, options?: TokenRefreshOptions): Promise<string> {
    const forceRefresh = options?.forceRefresh === true;
    const rejected = options?.rejectedToken;
    this.requests.push({ grant, forceRefresh, ...(rejected ? { rejectedToken: rejected } : {}) });
    if (this.issued === 0 || forceRefresh) this.issued += 1;
    const label = grant.kind === 'partner' ? 'partner' : grant.scope;
    return `Atza|${label}|${this.issued}`;
  }
}
