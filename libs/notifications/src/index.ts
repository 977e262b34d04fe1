export {
  NotificationType,
  type ApplicationOAuthClientNewSecret,
  type ApplicationOAuthClientSecretExpiry,
  type ListingsItemIssuesChange,
  type ListingsItemStatusChange,
  type Notification,
  type NotificationMetadata,
  type ReportProcessingFinished,
} from './notification';
export { parseNotification } from './parse-notification';
export { NotificationMalformedError, UnsupportedNotificationTypeError } from './errors';
