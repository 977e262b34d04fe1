import { z } from 'zod';
import { parseDocument } from './issues';
import { Region } from './region';

/** Where the pipeline sends SP-API calls (per region) and LWA token requests. */
export interface Endpoints {
  readonly spApiBaseUrl: Readonly<Record<Region, string>>;
  readonly lwaBaseUrl: string;
}

/** Amazon's production endpoints (SPAPI.md 1.1 and 2.1; the token path is `/auth/o2/token`). */
export const DEFAULT_ENDPOINTS: Endpoints = {
  spApiBaseUrl: {
    NA: 'https://sellingpartnerapi-na.amazon.com',
    EU: 'https://sellingpartnerapi-eu.amazon.com',
    FE: 'https://sellingpartnerapi-fe.amazon.com',
  },
  lwaBaseUrl: 'https://api.amazon.com',
};

// http is allowed for the loopback simulator; query strings and fragments never belong in a base.
const BaseUrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .refine((url) => !/[?#]/.test(url), { error: 'must not carry a query string or fragment' })
  .transform((url) => url.replace(/\/+$/, ''));

/** The optional `/<prefix>/endpoints` document: overrides for the sandbox or the simulator. */
export const EndpointOverridesSchema = z.strictObject({
  spApiBaseUrl: z
    .strictObject({
      NA: BaseUrlSchema.optional(),
      EU: BaseUrlSchema.optional(),
      FE: BaseUrlSchema.optional(),
    })
    .optional(),
  lwaBaseUrl: BaseUrlSchema.optional(),
});
export type EndpointOverrides = z.output<typeof EndpointOverridesSchema>;

/** Validates the endpoints document (JSON string or parsed value); throws a ConfigurationError. */
export function parseEndpointOverrides(json: unknown, source = 'endpoints'): EndpointOverrides {
  return parseDocument(EndpointOverridesSchema, json, source);
}

/** The default endpoints with `overrides` applied (no overrides: Amazon production). */
export function resolveEndpoints(overrides: EndpointOverrides = {}): Endpoints {
  const spApi = overrides.spApiBaseUrl ?? {};
  return {
    spApiBaseUrl: {
      NA: spApi.NA ?? DEFAULT_ENDPOINTS.spApiBaseUrl.NA,
      EU: spApi.EU ?? DEFAULT_ENDPOINTS.spApiBaseUrl.EU,
      FE: spApi.FE ?? DEFAULT_ENDPOINTS.spApiBaseUrl.FE,
    },
    lwaBaseUrl: overrides.lwaBaseUrl ?? DEFAULT_ENDPOINTS.lwaBaseUrl,
  };
}
