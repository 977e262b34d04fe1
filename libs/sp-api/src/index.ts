export {
  type ApplicationManagementApi,
  createApplicationManagementApi,
} from './apis/application-management';
export {
  type CatalogItem,
  type CatalogItemSearchResults,
  type CatalogItemsApi,
  type GetCatalogItemQuery,
  type SearchCatalogItemsQuery,
} from './apis/catalog-items';
export {
  type GetListingsItemQuery,
  type ListingsItem,
  type ListingsItemSearchResults,
  type ListingsItemsApi,
  type SearchListingsItemsQuery,
} from './apis/listings-items';
export {
  type CreateDestinationRequest,
  type CreateSubscriptionRequest,
  type Destination,
  type GetSubscriptionsQuery,
  type NotificationsApi,
  type SendTestNotificationRequest,
  type Subscription,
  type SubscriptionsPage,
} from './apis/notifications';
export {
  type CreateReportResponse,
  type CreateReportScheduleResponse,
  type CreateReportScheduleSpecification,
  type CreateReportSpecification,
  type GetReportDocumentOptions,
  type GetReportSchedulesQuery,
  type GetReportsQuery,
  type GetReportsResponse,
  type Report,
  type ReportDocument,
  type ReportSchedule,
  type ReportScheduleList,
  type ReportsApi,
} from './apis/reports';
export { ReportProcessingStatus, reportDocumentSchema, reportSchema } from './apis/reports-schemas';
export { type MarketplaceParticipation, type SellersApi } from './apis/sellers';
export {
  type CreateRestrictedDataTokenRequest,
  type RestrictedDataToken,
  type TokensApi,
} from './apis/tokens';
export { formatAmzDate } from './amz-date';
export {
  type SpApiClient,
  type SpApiClientOptions,
  type SpApiClientSettings,
  createSpApiClient,
} from './client';
export {
  type SpApiClientCache,
  type SpApiClientCacheOptions,
  type SpApiClientTarget,
  createSpApiClientCache,
} from './client-cache';
export {
  type SpApiEndpointOptions,
  SpApiRegion,
  type SpApiRegionEndpoints,
  resolveBaseUrl,
  spApiEndpoints,
} from './endpoints';
export { isExpiredTokenFailure, parseSpApiErrors } from './error-body';
export {
  SpApiAccessDeniedError,
  SpApiConfigurationError,
  type SpApiErrorDetail,
  type SpApiFailedResponse,
  SpApiInvalidInputError,
  SpApiNetworkError,
  SpApiNotFoundError,
  SpApiQuotaExceededError,
  SpApiRequestError,
  SpApiResponseValidationError,
  SpApiServerError,
  SpApiUnknownMarketplaceError,
  spApiErrorFromResponse,
} from './errors';
export {
  type MarketplaceId,
  type MarketplaceInfo,
  isKnownMarketplaceId,
  marketplaces,
  regionOfMarketplace,
} from './marketplaces';
export {
  type OperationCaller,
  type OperationRequest,
  type OperationResponse,
} from './operation-caller';
export {
  type SpApiHttpMethod,
  type SpApiOperationId,
  type SpApiOperationSpec,
  operationSpecs,
} from './operation-specs';
export { TokenBucketRateLimiter, type UsagePlan } from './rate-limiter';
export {
  APPLICATION_WIDE,
  type RateLimiterKey,
  RateLimiterRegistry,
} from './rate-limiter-registry';
export { type QueryValue, buildRequestUrl, encodeRfc3986 } from './request-url';
export {
  type RetryContext,
  type RetryPolicy,
  type RetryPolicyOptions,
  createRetryPolicy,
  isTransientNetworkFailure,
} from './retry-policy';
export { GrantlessScope, type TokenGrant, type TokenProvider } from './token-provider';
export { TYPESCRIPT_VERSION, type UserAgentOptions, formatUserAgent } from './user-agent';
