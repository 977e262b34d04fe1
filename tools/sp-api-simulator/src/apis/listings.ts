import type { ListingRecord, ListingStatus } from '../catalog/listing-record';
import {
  LISTING_DATASETS,
  listingsItemView,
  type ListingDataset,
} from '../catalog/listings-item-view';
import { searchListings, type ListingsCriteria } from '../catalog/listings-search';
import { listingsTruth } from '../catalog/listings-truth';
import { decodePageToken, pageOf, queryFingerprint } from '../catalog/page-token';
import { csvParam, intParam } from '../catalog/query-params';
import type { SimulatorContext } from '../server/context';
import {
  errorResponse,
  type OperationHandlers,
  type OperationRequest,
  type OperationResponse,
} from '../server/operation';

const MAX_PAGEABLE_RESULTS = 1000;

// The model's own 400 example for the Listings Items API.
const badRequest = (details: string): OperationResponse =>
  errorResponse(400, 'BAD_REQUEST', 'Invalid input', details);

const isResponse = (value: unknown): value is OperationResponse =>
  typeof value === 'object' && value !== null && 'status' in value && !Array.isArray(value);

/** The seller and marketplaces of the call, after checking they belong to the caller. */
function scopeOf(
  request: OperationRequest,
  context: SimulatorContext,
): { sellerId: string; marketplaceIds: string[] } | OperationResponse {
  const sellerId = request.pathParams['sellerId'] ?? '';
  const { caller } = request;
  if (caller.kind === 'grantless' || caller.sellingPartnerId !== sellerId) {
    return errorResponse(
      403,
      'Unauthorized',
      'Access to requested resource is denied.',
      'The access token does not belong to this sellerId.',
    );
  }
  const marketplaceIds = csvParam(request.query, 'marketplaceIds') ?? [];
  if (marketplaceIds.length === 0) return badRequest('marketplaceIds is required.');
  const partner = context.world.partners.get(sellerId);
  const foreign = marketplaceIds.find((id) => !(partner?.marketplaceIds.includes(id) ?? false));
  if (foreign !== undefined) {
    return badRequest(`Marketplace ${foreign} is not valid for seller ${sellerId}.`);
  }
  return { sellerId, marketplaceIds };
}

function datasetsOf(request: OperationRequest): Set<ListingDataset> | OperationResponse {
  const requested = csvParam(request.query, 'includedData') ?? ['summaries'];
  const datasets = new Set<ListingDataset>();
  for (const name of requested) {
    if (!(LISTING_DATASETS as readonly string[]).includes(name)) {
      return badRequest(`includedData value ${name} is not valid.`);
    }
    datasets.add(name as ListingDataset);
  }
  return datasets;
}

function recordsOf(
  context: SimulatorContext,
  sellerId: string,
  marketplaceIds: readonly string[],
): ListingRecord[] {
  const now = context.clock.now();
  return marketplaceIds.flatMap((id) => [...listingsTruth(context.world, sellerId, id, now)]);
}

const getListingsItem = (
  request: OperationRequest,
  context: SimulatorContext,
): OperationResponse => {
  const scope = scopeOf(request, context);
  if (isResponse(scope)) return scope;
  const datasets = datasetsOf(request);
  if (isResponse(datasets)) return datasets;
  // The router has already URL-decoded the path segment.
  const sku = request.pathParams['sku'] ?? '';
  const records = recordsOf(context, scope.sellerId, scope.marketplaceIds).filter(
    (record) => record.sku === sku,
  );
  if (records.length === 0) {
    return errorResponse(
      404,
      'NOT_FOUND',
      `SKU '${sku}' not found in marketplace ${scope.marketplaceIds.join(',')}`,
    );
  }
  return { status: 200, body: listingsItemView(records, datasets) };
};

function isoParam(query: URLSearchParams, name: string): number | undefined | OperationResponse {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? badRequest(`${name} must be an ISO 8601 date-time.`) : ms;
}

const STATUSES: readonly string[] = ['BUYABLE', 'DISCOVERABLE'];

/** The search criteria from the query, or the 400 SP-API answers. */
function criteriaOf(query: URLSearchParams): ListingsCriteria | OperationResponse {
  const identifiers = csvParam(query, 'identifiers');
  const identifiersType = query.get('identifiersType') ?? undefined;
  const variationParentSku = query.get('variationParentSku') ?? undefined;
  const packageHierarchySku = query.get('packageHierarchySku') ?? undefined;
  if ((identifiers === undefined) !== (identifiersType === undefined)) {
    return badRequest('identifiers and identifiersType must be provided together.');
  }
  if (identifiers !== undefined && identifiers.length > 20) {
    return badRequest('identifiers accepts at most 20 values.');
  }
  const exclusive = [identifiers, variationParentSku, packageHierarchySku].filter(
    (value) => value !== undefined,
  );
  if (exclusive.length > 1) {
    return badRequest(
      'identifiers, variationParentSku and packageHierarchySku are mutually exclusive.',
    );
  }
  const dates: Record<string, number | undefined> = {};
  for (const name of ['createdAfter', 'createdBefore', 'lastUpdatedAfter', 'lastUpdatedBefore']) {
    const value = isoParam(query, name);
    if (isResponse(value)) return value;
    dates[name] = value;
  }
  const withStatus = csvParam(query, 'withStatus');
  const withoutStatus = csvParam(query, 'withoutStatus');
  const badStatus = [...(withStatus ?? []), ...(withoutStatus ?? [])].find(
    (status) => !STATUSES.includes(status),
  );
  if (badStatus !== undefined) return badRequest(`Status ${badStatus} is not valid.`);
  const sortBy = query.get('sortBy') ?? 'lastUpdatedDate';
  const sortOrder = query.get('sortOrder') ?? 'DESC';
  if (sortBy !== 'sku' && sortBy !== 'createdDate' && sortBy !== 'lastUpdatedDate') {
    return badRequest(`sortBy ${sortBy} is not valid.`);
  }
  if (sortOrder !== 'ASC' && sortOrder !== 'DESC')
    return badRequest(`sortOrder ${sortOrder} is not valid.`);
  const withIssueSeverity = csvParam(query, 'withIssueSeverity');
  const optional = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
  return {
    ...optional('identifiersType', identifiersType),
    ...optional('identifiers', identifiers),
    ...optional('variationParentSku', variationParentSku),
    ...optional('packageHierarchySku', packageHierarchySku),
    ...optional('createdAfter', dates['createdAfter']),
    ...optional('createdBefore', dates['createdBefore']),
    ...optional('lastUpdatedAfter', dates['lastUpdatedAfter']),
    ...optional('lastUpdatedBefore', dates['lastUpdatedBefore']),
    ...optional('withIssueSeverity', withIssueSeverity),
    ...optional('withStatus', withStatus as ListingStatus[] | undefined),
    ...optional('withoutStatus', withoutStatus as ListingStatus[] | undefined),
    sortBy,
    sortOrder,
  };
}

const searchListingsItems = (
  request: OperationRequest,
  context: SimulatorContext,
): OperationResponse => {
  const scope = scopeOf(request, context);
  if (isResponse(scope)) return scope;
  const datasets = datasetsOf(request);
  if (isResponse(datasets)) return datasets;
  const criteria = criteriaOf(request.query);
  if (isResponse(criteria)) return criteria;
  const pageSize = intParam(request.query, 'pageSize', 10);
  if (pageSize === undefined || pageSize < 1 || pageSize > 20) {
    return badRequest('pageSize must be between 1 and 20.');
  }
  const groups = searchListings(recordsOf(context, scope.sellerId, scope.marketplaceIds), criteria);
  const fingerprint = queryFingerprint([scope.sellerId, scope.marketplaceIds, criteria]);
  const token = request.query.get('pageToken');
  const offset = token === null || token === '' ? 0 : decodePageToken(token, fingerprint);
  if (offset === undefined) return badRequest('Invalid pageToken.');
  const page = pageOf(groups.slice(0, MAX_PAGEABLE_RESULTS), offset, pageSize, fingerprint);
  return {
    status: 200,
    body: {
      numberOfResults: groups.length,
      ...(page.nextToken === undefined && page.previousToken === undefined
        ? {}
        : {
            pagination: {
              ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
              ...(page.previousToken === undefined ? {} : { previousToken: page.previousToken }),
            },
          }),
      items: page.items.map((records) => listingsItemView(records, datasets)),
    },
  };
};

/** Listings Items API 2021-08-01 read handlers (getListingsItem, searchListingsItems). */
export const listingsHandlers: OperationHandlers = { getListingsItem, searchListingsItems };
