import type { NotificationMetadata } from './notification-metadata';

/** What a REPORT_PROCESSING_FINISHED notification says about the report. */
export interface ReportProcessingFinishedPayload {
  /** Absent for vendor-group reports. */
  readonly sellerId?: string;
  /** `amzn1.merchant.o.<sellerId>` or `amzn1.vg.<n>`. */
  readonly accountId: string;
  readonly reportId: string;
  readonly reportType: string;
  readonly processingStatus: 'DONE' | 'CANCELLED' | 'FATAL';
  readonly reportDocumentId?: string;
}

/** The REPORT_PROCESSING_FINISHED message (camelCase envelope, payloadVersion 2020-09-04). */
export function reportProcessingFinishedNotification(
  meta: NotificationMetadata,
  payload: ReportProcessingFinishedPayload,
): Record<string, unknown> {
  return {
    notificationVersion: '2020-09-04',
    notificationType: 'REPORT_PROCESSING_FINISHED',
    payloadVersion: '2020-09-04',
    eventTime: meta.eventTime,
    payload: {
      reportProcessingFinishedNotification: {
        ...(payload.sellerId === undefined ? {} : { sellerId: payload.sellerId }),
        accountId: payload.accountId,
        reportId: payload.reportId,
        reportType: payload.reportType,
        processingStatus: payload.processingStatus,
        ...(payload.reportDocumentId === undefined
          ? {}
          : { reportDocumentId: payload.reportDocumentId }),
      },
    },
    notificationMetadata: {
      applicationId: meta.applicationId,
      subscriptionId: meta.subscriptionId,
      publishTime: meta.publishTime,
      notificationId: meta.notificationId,
    },
  };
}
