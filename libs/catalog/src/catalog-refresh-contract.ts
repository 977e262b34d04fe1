import { Region } from '@spapi-lake/config';
import { z } from 'zod';
import { CatalogSourceSchema } from './catalog-refresh-request';
import {
  CATALOG_IDENTIFIER_TYPES,
  CATALOG_INCLUDED_DATA,
  type CatalogIncludedData,
  LISTINGS_INCLUDED_DATA,
} from './included-data';
import { REFRESH_ID_PATTERN } from './refresh-id';

// The Task inputs and outputs of the catalog refresh state machine (libs/workflows
// `catalogRefreshDefinition`). Inputs have zod schemas: the handlers validate what Step Functions
// hands them; outputs are plain types the definition's paths rely on.

/** Who and what one refresh is about; every task of the execution gets it. */
export const RefreshContextSchema = z.strictObject({
  sellingPartnerId: z.string().min(1),
  region: z.enum(Region),
  refreshId: z.string().regex(REFRESH_ID_PATTERN),
  /** The `dt` partition of every row the refresh writes (`yyyy-mm-dd`). */
  dt: z.iso.date(),
});
export type RefreshContext = z.output<typeof RefreshContextSchema>;

/** Where a lane's keyset paging over `createdDate` stands between two invocations. */
export const ListingsCursorSchema = z.strictObject({
  /** Lower bound (inclusive) of the current window of at most 1,000 pageable results. */
  createdAfter: z.string().optional(),
  pageToken: z.string().optional(),
  /** Results of the current window consumed so far. */
  consumed: z.number().int().min(0),
  /** SKUs already written that the current window starts with (created at `createdAfter`). */
  skipSkus: z.array(z.string()),
  /** Latest `createdDate` seen in the window, and the SKUs created at exactly that instant. */
  lastCreated: z.string().optional(),
  lastSkus: z.array(z.string()),
});
export type ListingsCursor = z.output<typeof ListingsCursorSchema>;

/** One marketplace's listings enumeration (searchListingsItems), continued over several parts. */
export const ListingsLaneSchema = z.strictObject({
  marketplaceId: z.string().min(1),
  includedData: z.array(z.enum(LISTINGS_INCLUDED_DATA)).min(1),
  /** Part number of the next invocation (each part writes its own files). */
  part: z.number().int().min(0),
  cursor: ListingsCursorSchema.optional(),
});
export type ListingsLane = z.output<typeof ListingsLaneSchema>;

/** Rows written so far by a lane. */
export const ListingsTotalsSchema = z.strictObject({
  items: z.number().int().min(0),
  issues: z.number().int().min(0),
  parts: z.number().int().min(0),
});
export type ListingsTotals = z.output<typeof ListingsTotalsSchema>;

/** `FetchListingsPart` input: the lane where it stands (totals absent on the first part). */
export const FetchListingsInputSchema = z.strictObject({
  refresh: RefreshContextSchema,
  lane: ListingsLaneSchema,
  totals: ListingsTotalsSchema.optional(),
  /** Present from the second part on (the previous part's output is the next part's input). */
  done: z.boolean().optional(),
});
export type FetchListingsInput = z.output<typeof FetchListingsInputSchema>;

/** `FetchListingsPart` output: the next input of the lane, and whether it is finished. */
export interface FetchListingsOutput {
  readonly refresh: RefreshContext;
  readonly lane: ListingsLane;
  readonly totals: ListingsTotals;
  readonly done: boolean;
}

/** The catalog part of a refresh, normalised by PlanRefresh. */
export const CatalogSpecSchema = z.strictObject({
  marketplaceIds: z.array(z.string().min(1)).min(1),
  source: CatalogSourceSchema,
  includedData: z.array(z.enum(CATALOG_INCLUDED_DATA)).min(1),
  locale: z.string().min(1).optional(),
});
export type CatalogSpec = z.output<typeof CatalogSpecSchema>;

/** `PlanRefresh` output (`$.plan`). */
export interface CatalogRefreshPlan {
  readonly refresh: RefreshContext;
  /** One lane per marketplace; empty when listings are disabled. */
  readonly listingsLanes: readonly ListingsLane[];
  /** Absent when the catalog part is disabled. */
  readonly catalog?: CatalogSpec;
}

/** `PlanCatalog` input. */
export const PlanCatalogInputSchema = z.strictObject({
  refresh: RefreshContextSchema,
  catalog: CatalogSpecSchema,
});
export type PlanCatalogInput = z.output<typeof PlanCatalogInputSchema>;

/** One searchCatalogItems query of a chunk. */
export const CatalogChunkQuerySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('identifiers'),
    identifiersType: z.enum(CATALOG_IDENTIFIER_TYPES),
    identifiers: z.array(z.string().min(1)).min(1),
  }),
  z.strictObject({
    kind: z.literal('keywords'),
    keywords: z.array(z.string().min(1)).min(1),
    brandNames: z.array(z.string().min(1)).optional(),
    classificationIds: z.array(z.string().min(1)).optional(),
    keywordsLocale: z.string().min(1).optional(),
    maxResults: z.number().int().min(1),
  }),
]);
export type CatalogChunkQuery = z.output<typeof CatalogChunkQuerySchema>;

/** The work of one FetchCatalogChunk invocation: identifiers of one marketplace, or a keyword query. */
export const CatalogChunkSchema = z.strictObject({
  index: z.number().int().min(0),
  marketplaceId: z.string().min(1),
  query: CatalogChunkQuerySchema,
});
export type CatalogChunk = z.output<typeof CatalogChunkSchema>;

/** Where a Distributed Map reads the chunks from (the `s3:getObject` ItemReader parameters). */
export interface ItemReaderLocation {
  readonly Bucket: string;
  readonly Key: string;
}

/** What every FetchCatalogChunk of a refresh asks for besides its chunk. */
export interface CatalogFetchSettings {
  readonly includedData: readonly CatalogIncludedData[];
  readonly locale?: string;
}

/**
 * `PlanCatalog` output (it replaces `$.catalog`, dropping the identifier list from the state):
 * chunks inline, or a manifest object for a Distributed Map.
 */
export interface CatalogChunkPlan {
  readonly settings: CatalogFetchSettings;
  readonly chunkCount: number;
  readonly identifierCount: number;
  readonly chunks?: readonly CatalogChunk[];
  readonly itemReader?: ItemReaderLocation;
}

/** `FetchCatalogChunk` input (built by the Map's ItemSelector). */
export const FetchCatalogChunkInputSchema = z.strictObject({
  refresh: RefreshContextSchema,
  catalog: z.strictObject({
    includedData: z.array(z.enum(CATALOG_INCLUDED_DATA)).min(1),
    locale: z.string().min(1).optional(),
  }),
  chunk: CatalogChunkSchema,
});
export type FetchCatalogChunkInput = z.output<typeof FetchCatalogChunkInputSchema>;

/** What one chunk did (its task result, also kept in the lake for FinishRefresh). */
export const CatalogChunkSummarySchema = z.strictObject({
  index: z.number().int().min(0),
  marketplaceId: z.string(),
  calls: z.number().int().min(0),
  items: z.number().int().min(0),
  /** Identifiers asked for that no item answered (ASIN chunks: ASINs not in the catalog). */
  notFound: z.array(z.string()),
  /** Batches SP-API rejected as invalid (400); their identifiers are in `rejected`. */
  rejected: z.array(z.string()),
});
export type CatalogChunkSummary = z.output<typeof CatalogChunkSummarySchema>;

/** `FinishRefresh` input. */
export const FinishRefreshInputSchema = z.strictObject({
  refresh: RefreshContextSchema,
  listings: z.array(
    z.looseObject({
      lane: z.looseObject({ marketplaceId: z.string() }),
      totals: ListingsTotalsSchema,
    }),
  ),
});
export type FinishRefreshInput = z.output<typeof FinishRefreshInputSchema>;

/** `FinishRefresh` output (`$.finish`). */
export interface FinishRefreshOutput {
  readonly refreshId: string;
  readonly manifestKey: string;
  /** Glue crawlers of the datasets written (`<prefix><dataset>`). */
  readonly crawlerNames: readonly string[];
  readonly rows: Readonly<Record<string, number>>;
}
