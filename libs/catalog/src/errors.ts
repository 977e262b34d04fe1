import { TypedError } from '@spapi-lake/core';

/** A refresh request or task input does not match its contract (never cured by a retry). */
export class CatalogRefreshInputError extends TypedError {
  override readonly name = 'CatalogRefreshInputError';
  readonly retryable = false;
}

/**
 * SP-API rejected a catalog or listings query as invalid (400): one batch's identifiers, not the
 * whole refresh, so the batch is recorded and the rest goes on.
 */
export class CatalogQueryRejectedError extends TypedError {
  override readonly name = 'CatalogQueryRejectedError';
  readonly retryable = false;
}

/**
 * More than SP-API's 1,000 pageable listings share one `createdDate`: keyset paging on it cannot
 * move on. Use the GET_MERCHANT_LISTINGS_ALL_DATA report for such catalogues.
 */
export class ListingsPagingStalledError extends TypedError {
  override readonly name = 'ListingsPagingStalledError';
  readonly retryable = false;
}

/** A refresh work object in the lake (identifier list, listings ASINs, chunk summary) is unreadable. */
export class RefreshWorkObjectInvalidError extends TypedError {
  override readonly name = 'RefreshWorkObjectInvalidError';
  readonly retryable = false;
}

/** A queue message is neither a listing refresh request nor a LISTINGS_ITEM_* notification. */
export class SkuRefreshMessageInvalidError extends TypedError {
  override readonly name = 'SkuRefreshMessageInvalidError';
  readonly retryable = false;
}

/** A refresh names a selling partner (or marketplace) the account configuration does not have. */
export class RefreshPartnerUnknownError extends TypedError {
  override readonly name = 'RefreshPartnerUnknownError';
  readonly retryable = false;
}
