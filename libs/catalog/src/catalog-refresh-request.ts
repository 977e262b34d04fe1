import { MarketplaceIdSchema, Region, findMarketplace } from '@spapi-lake/config';
import { z } from 'zod';
import { CatalogRefreshInputError } from './errors';
import {
  CATALOG_IDENTIFIER_TYPES,
  CATALOG_INCLUDED_DATA,
  CatalogLimits,
  DEFAULT_CATALOG_INCLUDED_DATA,
  DEFAULT_LISTINGS_INCLUDED_DATA,
  LISTINGS_INCLUDED_DATA,
} from './included-data';
import { REFRESH_ID_PATTERN } from './refresh-id';

const text = z.string().trim().min(1);
const identifierType = z.enum(CATALOG_IDENTIFIER_TYPES);
const catalogIncludedData = z.array(z.enum(CATALOG_INCLUDED_DATA)).min(1);
const listingsIncludedData = z.array(z.enum(LISTINGS_INCLUDED_DATA)).min(1);

/** Where the identifiers of a catalog refresh come from. */
export const CatalogSourceSchema = z.discriminatedUnion('kind', [
  /** The ASINs of the partner's listings found by this refresh, per marketplace. */
  z.strictObject({ kind: z.literal('listings') }),
  /** A list in the request (execution input is capped at 256 KiB: about 10,000 ASINs). */
  z.strictObject({
    kind: z.literal('identifiers'),
    identifiersType: identifierType,
    identifiers: z.array(text).min(1),
  }),
  /** A lake object (JSON array of strings, or one identifier per line) for longer lists. */
  z.strictObject({
    kind: z.literal('identifiersObject'),
    identifiersType: identifierType,
    key: text,
  }),
  /** A keyword search (with brand / classification refinements), paged to at most 1,000 items. */
  z.strictObject({
    kind: z.literal('keywords'),
    keywords: z.array(text).min(1).max(CatalogLimits.identifiersPerCall),
    brandNames: z.array(text).min(1).optional(),
    classificationIds: z.array(text).min(1).optional(),
    keywordsLocale: text.optional(),
    maxResults: z.number().int().min(1).max(CatalogLimits.pageableResults).default(1000),
  }),
]);
export type CatalogSource = z.output<typeof CatalogSourceSchema>;

/**
 * Input of one catalog refresh execution (one selling partner in one region): which marketplaces,
 * whether to enumerate the partner's listings, and which catalog items to fetch with which
 * `includedData` (the per-config choice of datasets).
 */
export const CatalogRefreshRequestSchema = z
  .strictObject({
    sellingPartnerId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
    region: z.enum(Region),
    marketplaceIds: z
      .array(MarketplaceIdSchema)
      .min(1)
      .refine((ids) => new Set(ids).size === ids.length, 'must be distinct'),
    /** Names the files written; default: from the execution name. */
    refreshId: z.string().regex(REFRESH_ID_PATTERN).optional(),
    /** The `dt` partition of the rows; default: the execution's start time. */
    asOf: z.iso.datetime({ offset: true }).optional(),
    listings: z
      .strictObject({
        enabled: z.boolean().default(true),
        includedData: listingsIncludedData
          .refine((names) => names.includes('summaries'), 'must include summaries')
          .default([...DEFAULT_LISTINGS_INCLUDED_DATA]),
      })
      .prefault({}),
    catalog: z
      .strictObject({
        enabled: z.boolean().default(true),
        source: CatalogSourceSchema.default({ kind: 'listings' }),
        includedData: catalogIncludedData.default([...DEFAULT_CATALOG_INCLUDED_DATA]),
        locale: text.optional(),
      })
      .prefault({}),
  })
  .superRefine((request, context) => {
    // A refresh token works on its region's endpoint only, and that endpoint serves its own
    // marketplaces: a JP marketplace needs the FE endpoint.
    request.marketplaceIds.forEach((marketplaceId, index) => {
      const region = findMarketplace(marketplaceId)?.region;
      if (region !== undefined && region !== request.region) {
        context.addIssue({
          code: 'custom',
          path: ['marketplaceIds', index],
          message: `is served by the ${region} endpoint, not ${request.region}`,
        });
      }
    });
    if (
      request.catalog.enabled &&
      request.catalog.source.kind === 'listings' &&
      !request.listings.enabled
    ) {
      context.addIssue({
        code: 'custom',
        path: ['catalog', 'source'],
        message: 'the listings source needs listings.enabled',
      });
    }
  });
export type CatalogRefreshRequest = z.output<typeof CatalogRefreshRequestSchema>;
export type CatalogRefreshRequestInput = z.input<typeof CatalogRefreshRequestSchema>;

/** Validates an execution input; throws CatalogRefreshInputError naming each bad field. */
export function parseCatalogRefreshRequest(input: unknown): CatalogRefreshRequest {
  return parseWith(CatalogRefreshRequestSchema, input, 'catalog refresh request');
}

/** Validates `input` against `schema`; the message names paths and problems, never values. */
export function parseWith<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new CatalogRefreshInputError(`Invalid ${what}: ${problems.join('; ')}`);
}
