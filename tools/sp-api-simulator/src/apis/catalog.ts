import { catalogIndex } from '../catalog/catalog-index';
import { catalogItemView } from '../catalog/catalog-item-view';
import { searchCatalog, type CatalogCriteria } from '../catalog/catalog-search';
import { CATALOG_DATASETS, catalogTruth, type CatalogDataset } from '../catalog/catalog-truth';
import { listingsTruth } from '../catalog/listings-truth';
import { decodePageToken, pageOf, queryFingerprint } from '../catalog/page-token';
import { csvParam, intParam } from '../catalog/query-params';
import { findMarketplace } from '../generators/marketplaces';
import type { SimulatorContext } from '../server/context';
import {
  errorResponse,
  type OperationHandlers,
  type OperationRequest,
  type OperationResponse,
} from '../server/operation';

const MAX_PAGEABLE_RESULTS = 1000;

const invalid = (details: string): OperationResponse =>
  errorResponse(
    400,
    'InvalidInput',
    'Request has missing or invalid parameters and cannot be parsed.',
    details,
  );

const isResponse = (value: unknown): value is OperationResponse =>
  typeof value === 'object' && value !== null && 'status' in value && !Array.isArray(value);

/** The calling partner, or the 403 for grantless tokens. */
function partnerOf(request: OperationRequest): { sellingPartnerId: string } | OperationResponse {
  if (request.caller.kind === 'grantless') {
    return errorResponse(
      403,
      'Unauthorized',
      'Access to requested resource is denied.',
      'The Catalog Items API needs a selling partner access token.',
    );
  }
  return { sellingPartnerId: request.caller.sellingPartnerId };
}

/** The requested datasets (default summaries); vendorDetails only reaches vendors. */
function datasetsOf(
  request: OperationRequest,
  context: SimulatorContext,
  sellingPartnerId: string,
): Set<CatalogDataset> | OperationResponse {
  const requested = csvParam(request.query, 'includedData') ?? ['summaries'];
  const datasets = new Set<CatalogDataset>();
  for (const name of requested) {
    if (!(CATALOG_DATASETS as readonly string[]).includes(name)) {
      return invalid(`includedData value ${name} is not valid.`);
    }
    datasets.add(name as CatalogDataset);
  }
  if (context.world.partners.get(sellingPartnerId)?.accountType !== 'vendor') {
    datasets.delete('vendorDetails');
  }
  return datasets;
}

function unknownMarketplace(marketplaceIds: readonly string[]): OperationResponse | undefined {
  const unknown = marketplaceIds.find((id) => findMarketplace(id) === undefined);
  return unknown === undefined ? undefined : invalid(`Invalid marketplaceId: ${unknown}`);
}

/** Builds the search criteria from the query, or the 400 SP-API answers. */
function criteriaOf(
  request: OperationRequest,
  context: SimulatorContext,
  sellingPartnerId: string,
  marketplaceId: string,
): CatalogCriteria | OperationResponse {
  const { query } = request;
  const identifiers = csvParam(query, 'identifiers');
  const keywords = csvParam(query, 'keywords');
  const identifiersType = query.get('identifiersType') ?? undefined;
  const brandNames = csvParam(query, 'brandNames');
  const classificationIds = csvParam(query, 'classificationIds');
  if (identifiers !== undefined && keywords !== undefined) {
    return invalid('identifiers and keywords cannot be used together.');
  }
  if (identifiers === undefined && keywords === undefined) {
    return invalid('Either identifiers or keywords is required.');
  }
  if (identifiers !== undefined) {
    if (identifiers.length > 20) return invalid('identifiers accepts at most 20 values.');
    if (identifiersType === undefined)
      return invalid('identifiersType is required with identifiers.');
    if (
      brandNames !== undefined ||
      classificationIds !== undefined ||
      query.has('keywordsLocale')
    ) {
      return invalid(
        'brandNames, classificationIds and keywordsLocale apply to keyword searches only.',
      );
    }
    if (identifiersType !== 'SKU') return { kind: 'identifiers', identifiersType, identifiers };
    const sellerId = query.get('sellerId');
    if (sellerId === null || sellerId === '')
      return invalid('sellerId is required when identifiersType is SKU.');
    if (sellerId !== sellingPartnerId)
      return invalid(`sellerId ${sellerId} is not valid for the caller.`);
    const skuToAsin = new Map(
      listingsTruth(context.world, sellerId, marketplaceId, context.clock.now()).map((r) => [
        r.sku,
        r.asin,
      ]),
    );
    return { kind: 'identifiers', identifiersType, identifiers, skuToAsin };
  }
  if (identifiersType !== undefined)
    return invalid('identifiersType is only valid with identifiers.');
  return {
    kind: 'keywords',
    keywords: keywords ?? [],
    ...(brandNames === undefined ? {} : { brandNames }),
    ...(classificationIds === undefined ? {} : { classificationIds }),
  };
}

const searchCatalogItems = (
  request: OperationRequest,
  context: SimulatorContext,
): OperationResponse => {
  const caller = partnerOf(request);
  if (isResponse(caller)) return caller;
  const marketplaceIds = csvParam(request.query, 'marketplaceIds') ?? [];
  const [marketplaceId] = marketplaceIds;
  if (marketplaceIds.length !== 1 || marketplaceId === undefined) {
    return invalid('marketplaceIds must hold exactly one marketplace for searchCatalogItems.');
  }
  const badMarketplace = unknownMarketplace(marketplaceIds);
  if (badMarketplace !== undefined) return badMarketplace;
  const criteria = criteriaOf(request, context, caller.sellingPartnerId, marketplaceId);
  if (isResponse(criteria)) return criteria;
  const datasets = datasetsOf(request, context, caller.sellingPartnerId);
  if (isResponse(datasets)) return datasets;
  const pageSize = intParam(request.query, 'pageSize', 10);
  if (pageSize === undefined || pageSize < 1 || pageSize > 20) {
    return invalid('pageSize must be between 1 and 20.');
  }
  const result = searchCatalog(catalogTruth(context.world, marketplaceId), criteria);
  const fingerprint = queryFingerprint([
    caller.sellingPartnerId,
    marketplaceId,
    criteria.kind === 'identifiers'
      ? [criteria.identifiersType, criteria.identifiers]
      : [criteria.keywords, criteria.brandNames, criteria.classificationIds],
  ]);
  const token = request.query.get('pageToken');
  const offset = token === null || token === '' ? 0 : decodePageToken(token, fingerprint);
  if (offset === undefined) return invalid('Invalid pageToken.');
  const page = pageOf(result.entries.slice(0, MAX_PAGEABLE_RESULTS), offset, pageSize, fingerprint);
  return {
    status: 200,
    body: {
      numberOfResults: result.entries.length,
      pagination: {
        ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
        ...(page.previousToken === undefined ? {} : { previousToken: page.previousToken }),
      },
      refinements: result.refinements,
      items: page.items.map((entry) => catalogItemView([entry], datasets)),
    },
  };
};

const getCatalogItem = (
  request: OperationRequest,
  context: SimulatorContext,
): OperationResponse => {
  const caller = partnerOf(request);
  if (isResponse(caller)) return caller;
  const asin = request.pathParams['asin'] ?? '';
  const marketplaceIds = csvParam(request.query, 'marketplaceIds') ?? [];
  if (marketplaceIds.length === 0) return invalid('marketplaceIds is required.');
  const badMarketplace = unknownMarketplace(marketplaceIds);
  if (badMarketplace !== undefined) return badMarketplace;
  const datasets = datasetsOf(request, context, caller.sellingPartnerId);
  if (isResponse(datasets)) return datasets;
  const entries = marketplaceIds.flatMap((id) => {
    const entry = catalogIndex(context.world, id).get(asin);
    return entry === undefined ? [] : [entry];
  });
  if (entries.length === 0) {
    return errorResponse(
      404,
      'NOT_FOUND',
      `Requested item, ${asin}, not found in marketplace(s) ${marketplaceIds.join(',')}.`,
    );
  }
  return { status: 200, body: catalogItemView(entries, datasets) };
};

/** Catalog Items API 2022-04-01 handlers over the simulator's deterministic catalog. */
export const catalogHandlers: OperationHandlers = { searchCatalogItems, getCatalogItem };
