/** The envelope fields every notification carries, whatever its casing. */
export interface NotificationMetadata {
  readonly applicationId: string;
  readonly subscriptionId: string;
  readonly notificationId: string;
  /** When the event happened (ISO 8601). */
  readonly eventTime: string;
  /** When SP-API sent the notification (ISO 8601). */
  readonly publishTime: string;
}
