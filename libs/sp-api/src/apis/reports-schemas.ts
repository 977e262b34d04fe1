import { z } from 'zod';

/** `Report.processingStatus` values (Reports 2021-06-30). */
export const ReportProcessingStatus = {
  Cancelled: 'CANCELLED',
  Done: 'DONE',
  Fatal: 'FATAL',
  InProgress: 'IN_PROGRESS',
  InQueue: 'IN_QUEUE',
} as const;

/** One report processing status. */
export type ReportProcessingStatus =
  (typeof ReportProcessingStatus)[keyof typeof ReportProcessingStatus];

const processingStatus = z.enum([
  ReportProcessingStatus.Cancelled,
  ReportProcessingStatus.Done,
  ReportProcessingStatus.Fatal,
  ReportProcessingStatus.InProgress,
  ReportProcessingStatus.InQueue,
]);

// Loose objects: fields Amazon adds later survive validation instead of being stripped.
/** `Report`: the pipeline polls `processingStatus` and reads `reportDocumentId`. */
export const reportSchema = z.looseObject({
  reportId: z.string().min(1),
  reportType: z.string().min(1),
  createdTime: z.string(),
  processingStatus,
  marketplaceIds: z.array(z.string()).optional(),
  dataStartTime: z.string().optional(),
  dataEndTime: z.string().optional(),
  reportScheduleId: z.string().optional(),
  processingStartTime: z.string().optional(),
  processingEndTime: z.string().optional(),
  reportDocumentId: z.string().optional(),
});

/** `GetReportsResponse`. */
export const getReportsResponseSchema = z.looseObject({
  reports: z.array(reportSchema),
  nextToken: z.string().optional(),
});

/** `CreateReportResponse`. */
export const createReportResponseSchema = z.looseObject({ reportId: z.string().min(1) });

/** `ReportDocument`: `url` is pre-signed and expires after five minutes. */
export const reportDocumentSchema = z.looseObject({
  reportDocumentId: z.string().min(1),
  url: z.string().min(1),
  compressionAlgorithm: z.literal('GZIP').optional(),
});

const reportOptions = z.record(z.string(), z.string());

/** `ReportSchedule`. */
export const reportScheduleSchema = z.looseObject({
  reportScheduleId: z.string().min(1),
  reportType: z.string().min(1),
  marketplaceIds: z.array(z.string()).optional(),
  reportOptions: reportOptions.optional(),
  period: z.string(),
  nextReportCreationTime: z.string().optional(),
});

/** `ReportScheduleList`. */
export const reportScheduleListSchema = z.looseObject({
  reportSchedules: z.array(reportScheduleSchema),
});

/** `CreateReportScheduleResponse`. */
export const createReportScheduleResponseSchema = z.looseObject({
  reportScheduleId: z.string().min(1),
});
