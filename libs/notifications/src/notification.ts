/** Notification types the pipeline consumes. */
export const NotificationType = {
  ReportProcessingFinished: 'REPORT_PROCESSING_FINISHED',
  ListingsItemStatusChange: 'LISTINGS_ITEM_STATUS_CHANGE',
  ListingsItemIssuesChange: 'LISTINGS_ITEM_ISSUES_CHANGE',
  ApplicationOAuthClientNewSecret: 'APPLICATION_OAUTH_CLIENT_NEW_SECRET',
  ApplicationOAuthClientSecretExpiry: 'APPLICATION_OAUTH_CLIENT_SECRET_EXPIRY',
} as const;
export type NotificationType = (typeof NotificationType)[keyof typeof NotificationType];

/** Envelope fields common to every notification, whatever its casing on the wire. */
export interface NotificationMetadata {
  readonly notificationId: string;
  readonly subscriptionId: string;
  readonly applicationId: string;
  /** When Amazon sent it: an ISO 8601 date-time with `Z` or an offset, as validated. */
  readonly publishTime: string;
  /** When the event happened: an ISO 8601 date-time with `Z` or an offset, as validated. */
  readonly eventTime: string;
  readonly payloadVersion: string;
  /** How it arrived: straight from SQS, or wrapped by EventBridge. */
  readonly transport: 'sqs' | 'eventbridge';
}

export interface ReportProcessingFinished {
  readonly accountId: string;
  /** Absent for vendor-group reports. */
  readonly sellerId?: string;
  readonly reportId: string;
  readonly reportType: string;
  readonly processingStatus: 'DONE' | 'CANCELLED' | 'FATAL';
  readonly reportDocumentId?: string;
}

export interface ListingsItemStatusChange {
  readonly sellerId: string;
  readonly sku: string;
  /**
   * A status missing from the list does not apply now (no BUYABLE: not buyable). Amazon documents
   * BUYABLE, DISCOVERABLE and DELETED; another value is kept as sent.
   */
  readonly status: readonly string[];
  readonly marketplaceId?: string;
  readonly asin?: string;
  /** When the listing was created: an ISO 8601 date-time, as validated. */
  readonly createdDate?: string;
}

export interface ListingsItemIssuesChange {
  readonly sellerId: string;
  readonly sku: string;
  /** Amazon documents NONE, ERROR and WARNING; another value is kept as sent. */
  readonly severities: readonly string[];
  readonly marketplaceId?: string;
  readonly asin?: string;
  readonly enforcementActions: readonly string[];
}

export interface ApplicationOAuthClientNewSecret {
  readonly clientId: string;
  readonly newClientSecret: string;
  readonly newClientSecretExpiryTime: string;
  readonly oldClientSecretExpiryTime: string;
}

export interface ApplicationOAuthClientSecretExpiry {
  readonly clientId: string;
  readonly clientSecretExpiryTime: string;
  readonly clientSecretExpiryReason?: string;
}

/** A validated notification, normalised to camelCase and unwrapped from EventBridge. */
export type Notification =
  | {
      readonly type: 'REPORT_PROCESSING_FINISHED';
      readonly metadata: NotificationMetadata;
      readonly payload: ReportProcessingFinished;
    }
  | {
      readonly type: 'LISTINGS_ITEM_STATUS_CHANGE';
      readonly metadata: NotificationMetadata;
      readonly payload: ListingsItemStatusChange;
    }
  | {
      readonly type: 'LISTINGS_ITEM_ISSUES_CHANGE';
      readonly metadata: NotificationMetadata;
      readonly payload: ListingsItemIssuesChange;
    }
  | {
      readonly type: 'APPLICATION_OAUTH_CLIENT_NEW_SECRET';
      readonly metadata: NotificationMetadata;
      readonly payload: ApplicationOAuthClientNewSecret;
    }
  | {
      readonly type: 'APPLICATION_OAUTH_CLIENT_SECRET_EXPIRY';
      readonly metadata: NotificationMetadata;
      readonly payload: ApplicationOAuthClientSecretExpiry;
    };
