/** SP-API selling regions. */
export const SpApiRegion = {
  NA: 'NA',
  EU: 'EU',
  FE: 'FE',
} as const;

/** One selling region. */
export type SpApiRegion = (typeof SpApiRegion)[keyof typeof SpApiRegion];

/** Hosts of one selling region; `awsRegion` is where Amazon runs it (SPAPI.md 1.1). */
export interface SpApiRegionEndpoints {
  readonly production: string;
  readonly sandbox: string;
  readonly awsRegion: string;
}

/** Production and sandbox base URLs per selling region. */
export const spApiEndpoints: Readonly<Record<SpApiRegion, SpApiRegionEndpoints>> = {
  NA: {
    production: 'https://sellingpartnerapi-na.amazon.com',
    sandbox: 'https://sandbox.sellingpartnerapi-na.amazon.com',
    awsRegion: 'us-east-1',
  },
  EU: {
    production: 'https://sellingpartnerapi-eu.amazon.com',
    sandbox: 'https://sandbox.sellingpartnerapi-eu.amazon.com',
    awsRegion: 'eu-west-1',
  },
  FE: {
    production: 'https://sellingpartnerapi-fe.amazon.com',
    sandbox: 'https://sandbox.sellingpartnerapi-fe.amazon.com',
    awsRegion: 'us-west-2',
  },
};

/**
 * Where a client sends its calls: a region's production or sandbox host, or an explicit base URL
 * (the local simulator, e.g. `http://127.0.0.1:4010`).
 */
export type SpApiEndpointOptions =
  | { readonly baseUrl: string; readonly region?: never; readonly sandbox?: never }
  | { readonly region: SpApiRegion; readonly sandbox?: boolean; readonly baseUrl?: never };

/** The base URL (no trailing slash) that `options` point at. */
export function resolveBaseUrl(options: SpApiEndpointOptions): string {
  if (options.baseUrl !== undefined) return options.baseUrl.replace(/\/+$/, '');
  const hosts = spApiEndpoints[options.region];
  return options.sandbox === true ? hosts.sandbox : hosts.production;
}
