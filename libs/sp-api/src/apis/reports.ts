import type { OperationCaller } from '../operation-caller';
import type { definitions, operations } from '../generated/reports.types';
import { parseResponseBody } from '../response-body';
import {
  createReportResponseSchema,
  createReportScheduleResponseSchema,
  getReportsResponseSchema,
  reportDocumentSchema,
  reportSchema,
  reportScheduleListSchema,
  reportScheduleSchema,
} from './reports-schemas';

/** Reports 2021-06-30 `Report`. */
export type Report = definitions['Report'];
/** Reports 2021-06-30 `ReportDocument` (pre-signed `url`, optional `compressionAlgorithm`). */
export type ReportDocument = definitions['ReportDocument'];
/** Reports 2021-06-30 `ReportSchedule`. */
export type ReportSchedule = definitions['ReportSchedule'];
/** Reports 2021-06-30 `ReportScheduleList`. */
export type ReportScheduleList = definitions['ReportScheduleList'];
/** Body of `createReport`. */
export type CreateReportSpecification = definitions['CreateReportSpecification'];
/** Answer of `createReport` (HTTP 202). */
export type CreateReportResponse = definitions['CreateReportResponse'];
/** Body of `createReportSchedule`. */
export type CreateReportScheduleSpecification = definitions['CreateReportScheduleSpecification'];
/** Answer of `createReportSchedule` (HTTP 201). */
export type CreateReportScheduleResponse = definitions['CreateReportScheduleResponse'];
/** A page of `getReports`. */
export type GetReportsResponse = definitions['GetReportsResponse'];
/** Filters of `getReports`; when paging send `nextToken` alone. Arrays go out as CSV. */
export type GetReportsQuery = operations['getReports']['parameters']['query'];
/** Query of `getReportSchedules`. */
export type GetReportSchedulesQuery = operations['getReportSchedules']['parameters']['query'];

/** Options of `getReportDocument`. */
export interface GetReportDocumentOptions {
  /** Ask S3 to answer with `Content-Encoding: gzip` for GZIP documents (see SPAPI.md 4.5). */
  readonly enableContentEncodingUrlHeader?: boolean;
  /** A restricted data token naming this document's path, for restricted report types. */
  readonly accessToken?: string;
}

/** Reports API 2021-06-30: all nine operations; bodies are validated with zod. */
export interface ReportsApi {
  getReports(query: GetReportsQuery): Promise<GetReportsResponse>;
  createReport(specification: CreateReportSpecification): Promise<CreateReportResponse>;
  getReport(reportId: string): Promise<Report>;
  cancelReport(reportId: string): Promise<void>;
  getReportSchedules(query: GetReportSchedulesQuery): Promise<ReportScheduleList>;
  createReportSchedule(
    specification: CreateReportScheduleSpecification,
  ): Promise<CreateReportScheduleResponse>;
  getReportSchedule(reportScheduleId: string): Promise<ReportSchedule>;
  cancelReportSchedule(reportScheduleId: string): Promise<void>;
  getReportDocument(
    reportDocumentId: string,
    options?: GetReportDocumentOptions,
  ): Promise<ReportDocument>;
}

/** The Reports API over an operation caller. */
export function createReportsApi(call: OperationCaller): ReportsApi {
  return {
    async getReports(query) {
      return parseResponseBody(getReportsResponseSchema, await call('getReports', { query }));
    },
    async createReport(specification) {
      const response = await call('createReport', { body: specification });
      return parseResponseBody(createReportResponseSchema, response);
    },
    async getReport(reportId) {
      const response = await call('getReport', { pathParams: { reportId } });
      return parseResponseBody(reportSchema, response);
    },
    async cancelReport(reportId) {
      await call('cancelReport', { pathParams: { reportId } });
    },
    async getReportSchedules(query) {
      const response = await call('getReportSchedules', { query });
      return parseResponseBody(reportScheduleListSchema, response);
    },
    async createReportSchedule(specification) {
      const response = await call('createReportSchedule', { body: specification });
      return parseResponseBody(createReportScheduleResponseSchema, response);
    },
    async getReportSchedule(reportScheduleId) {
      const response = await call('getReportSchedule', { pathParams: { reportScheduleId } });
      return parseResponseBody(reportScheduleSchema, response);
    },
    async cancelReportSchedule(reportScheduleId) {
      await call('cancelReportSchedule', { pathParams: { reportScheduleId } });
    },
    async getReportDocument(reportDocumentId, options = {}) {
      const response = await call('getReportDocument', {
        pathParams: { reportDocumentId },
        query: { enableContentEncodingUrlHeader: options.enableContentEncodingUrlHeader },
        accessToken: options.accessToken,
      });
      return parseResponseBody(reportDocumentSchema, response);
    },
  };
}
