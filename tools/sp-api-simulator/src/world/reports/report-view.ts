import type { ReportRecord, ScheduleRecord } from './report-state';

const iso = (ms: number): string => new Date(ms).toISOString();

/** The `Report` JSON of Reports 2021-06-30. */
export function reportJson(record: ReportRecord): Record<string, unknown> {
  return {
    reportId: record.reportId,
    reportType: record.reportType,
    marketplaceIds: [...record.marketplaceIds],
    dataStartTime: record.dataStartTime,
    dataEndTime: record.dataEndTime,
    ...(record.reportScheduleId === undefined ? {} : { reportScheduleId: record.reportScheduleId }),
    createdTime: iso(record.createdTime),
    processingStatus: record.processingStatus,
    ...(record.processingStartTime === undefined
      ? {}
      : { processingStartTime: iso(record.processingStartTime) }),
    ...(record.processingEndTime === undefined
      ? {}
      : { processingEndTime: iso(record.processingEndTime) }),
    ...(record.reportDocumentId === undefined ? {} : { reportDocumentId: record.reportDocumentId }),
  };
}

/** The `ReportSchedule` JSON of Reports 2021-06-30. */
export function scheduleJson(schedule: ScheduleRecord): Record<string, unknown> {
  return {
    reportScheduleId: schedule.reportScheduleId,
    reportType: schedule.reportType,
    marketplaceIds: [...schedule.marketplaceIds],
    ...(Object.keys(schedule.reportOptions).length === 0
      ? {}
      : { reportOptions: { ...schedule.reportOptions } }),
    period: schedule.period,
    nextReportCreationTime: iso(schedule.nextReportCreationTime),
  };
}
