import type { World } from '../world/world';

/** What a client needs to call the simulator: the app's LWA credentials and each partner's token. */
export interface SimulatorCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly applicationId: string;
  readonly partners: readonly {
    readonly sellingPartnerId: string;
    readonly accountType: 'seller' | 'vendor';
    readonly region: 'NA' | 'EU' | 'FE';
    readonly marketplaceIds: readonly string[];
    readonly refreshToken: string;
  }[];
}

/** The first client's newest secret and every partner's newest refresh token. */
export function credentialsOf(world: World): SimulatorCredentials {
  const client = world.clients.values().next().value;
  if (client === undefined) throw new Error('the world has no LWA client');
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecrets.at(-1)?.value ?? '',
    applicationId: client.applicationId,
    partners: [...world.partners.values()].map((p) => ({
      sellingPartnerId: p.sellingPartnerId,
      accountType: p.accountType,
      region: p.region,
      marketplaceIds: [...p.marketplaceIds],
      refreshToken: p.refreshTokens.at(-1) ?? '',
    })),
  };
}
