import type { TokenGrant, TokenProvider } from '../token-provider';

/** A TokenProvider for specs: hands out numbered fake tokens and records every request. */
export class RecordingTokenProvider implements TokenProvider {
  readonly requests: { grant: TokenGrant; forceRefresh: boolean }[] = [];
  private issued = 0;

  async getToken(
    grant: TokenGrant,
    options?: { readonly forceRefresh?: boolean },
  ): Promise<string> {
    const forceRefresh = options?.forceRefresh === true;
    this.requests.push({ grant, forceRefresh });
    if (this.issued === 0 || forceRefresh) this.issued += 1;
    const label = grant.kind === 'partner' ? 'partner' : grant.scope;
    return `Atza|${label}|${this.issued}`;
  }
}
