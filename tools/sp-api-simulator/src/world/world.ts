import {
  HEX,
  TOKEN_CHARS,
  UPPER_ALNUM,
  randomString,
  randomUuid,
  seededRandom,
} from './seeded-random';

/** An LWA application client registered with the simulator. */
export interface LwaClient {
  clientId: string;
  /** Accepted secrets; `expiresAt` (epoch ms, simulated) is set on the old one after a rotation. */
  clientSecrets: { value: string; expiresAt: number | null }[];
  applicationId: string;
  redirectUris: string[];
  grantlessScopes: string[];
}

/** A selling partner that authorised the application. */
export interface Partner {
  sellingPartnerId: string;
  accountType: 'seller' | 'vendor';
  region: 'NA' | 'EU' | 'FE';
  marketplaceIds: string[];
  /** Valid refresh tokens (revoking one removes it). */
  refreshTokens: string[];
  /** `amzn1.merchant.o.<id>` for sellers, `amzn1.vg.<n>` for vendors. */
  accountId: string;
  /**
   * Vendors only: the vendor code (5 characters) that LISTINGS_ITEM_ISSUES_CHANGE names as its
   * `SellerId` (SP-API: "SellerId may be a vendor code").
   */
  vendorCode?: string;
}

/** Everything the simulator knows: registered clients, partners and per-module state. */
export interface World {
  readonly seed: number;
  readonly clients: Map<string, LwaClient>;
  readonly partners: Map<string, Partner>;
  /** Per-module state, created on first use: world.state('notifications', () => new NotificationState()). */
  state<T>(key: string, init: () => T): T;
}

/** Scopes an application may request with client_credentials. */
export const GRANTLESS_SCOPES = {
  notifications: 'sellingpartnerapi::notifications',
  rotation: 'sellingpartnerapi::client_credential:rotation',
} as const;

/** Creates an empty world (no clients, no partners). */
export function createWorld(seed: number): World {
  const states = new Map<string, unknown>();
  return {
    seed,
    clients: new Map(),
    partners: new Map(),
    state<T>(key: string, init: () => T): T {
      if (!states.has(key)) states.set(key, init());
      return states.get(key) as T;
    },
  };
}

/** Input for {@link addPartner}; anything left out is derived deterministically from the seed. */
export interface PartnerInput {
  accountType: 'seller' | 'vendor';
  region: 'NA' | 'EU' | 'FE';
  marketplaceIds: string[];
  sellingPartnerId?: string;
  refreshTokens?: string[];
}

/** Registers a new selling partner in the world (ids and refresh token derived from the seed). */
export function addPartner(world: World, input: PartnerInput): Partner {
  const index = world.partners.size;
  const random = seededRandom(world.seed, `partner:${index}:${input.sellingPartnerId ?? ''}`);
  const sellingPartnerId = input.sellingPartnerId ?? `A${randomString(random, 13, UPPER_ALNUM)}`;
  const partner: Partner = {
    sellingPartnerId,
    accountType: input.accountType,
    region: input.region,
    marketplaceIds: [...input.marketplaceIds],
    refreshTokens: input.refreshTokens ?? [newRefreshToken(random)],
    accountId:
      input.accountType === 'seller'
        ? `amzn1.merchant.o.${sellingPartnerId}`
        : `amzn1.vg.${1000000 + Math.floor(random() * 8999999)}`,
    // A stream of its own, so that adding it changed no other id of the world.
    ...(input.accountType === 'vendor'
      ? {
          vendorCode: randomString(
            seededRandom(world.seed, `vendor-code:${sellingPartnerId}`),
            5,
            UPPER_ALNUM,
          ),
        }
      : {}),
  };
  world.partners.set(sellingPartnerId, partner);
  return partner;
}

/** A fresh opaque refresh token (`Atzr|...`). */
export function newRefreshToken(random: () => number): string {
  return `Atzr|IwEB${randomString(random, 120, TOKEN_CHARS)}`;
}

/** Creates a client secret value in LWA's format. */
export function newClientSecret(random: () => number): string {
  return `amzn1.oa2-cs.v1.${randomString(random, 64, HEX)}`;
}

/**
 * The default world: one LWA client (both grantless scopes) and three partners, a seller in US+CA
 * (NA), a seller in DE+FR (EU) and a vendor in US (NA), each with one known refresh token.
 */
export function defaultWorld(seed: number): World {
  const world = createWorld(seed);
  const random = seededRandom(seed, 'client');
  const client: LwaClient = {
    clientId: `amzn1.application-oa2-client.${randomString(random, 32, HEX)}`,
    clientSecrets: [{ value: newClientSecret(random), expiresAt: null }],
    applicationId: `amzn1.sp.solution.${randomUuid(random)}`,
    redirectUris: ['https://app.example.com/spapi/callback'],
    grantlessScopes: [GRANTLESS_SCOPES.notifications, GRANTLESS_SCOPES.rotation],
  };
  world.clients.set(client.clientId, client);
  addPartner(world, {
    accountType: 'seller',
    region: 'NA',
    marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'],
  });
  addPartner(world, {
    accountType: 'seller',
    region: 'EU',
    marketplaceIds: ['A1PA6795UKMFR9', 'A13V1IB3VIYZZH'],
  });
  addPartner(world, { accountType: 'vendor', region: 'NA', marketplaceIds: ['ATVPDKIKX0DER'] });
  return world;
}
