import {
  type CreateReportSpecification,
  type GetReportsQuery,
  type Report,
  SpApiInvalidInputError,
  SpApiNotFoundError,
} from '@spapi-lake/sp-api';
import type { ReportCreationApi } from '../report-creation-api';

/**
 * An in-memory Reports API for one partner: createReport files IN_QUEUE reports at `now()`,
 * getReport and getReports answer from them (getReports newest first, with its filters, paged by
 * `pageSize` with a `nextToken` that, as on Amazon, must come alone), cancelReport cancels an
 * IN_QUEUE one and, as the model says, refuses any other status with a 400.
 */
export class FakeReportsApi implements ReportCreationApi {
  readonly calls: string[] = [];
  readonly created: CreateReportSpecification[] = [];
  readonly reports = new Map<string, Report>();
  /** Every getReports query, in order. */
  readonly reportQueries: GetReportsQuery[] = [];
  private readonly pages = new Map<string, { query: GetReportsQuery; offset: number }>();
  private nextId = 50_000;

  constructor(private readonly now: () => number) {}

  async createReport(specification: CreateReportSpecification): Promise<{ reportId: string }> {
    this.calls.push('createReport');
    this.created.push(specification);
    return { reportId: this.file(specification).reportId };
  }

  async getReport(reportId: string): Promise<Report> {
    this.calls.push('getReport');
    return this.existing('getReport', reportId);
  }

  async cancelReport(reportId: string): Promise<void> {
    this.calls.push('cancelReport');
    const report = this.existing('cancelReport', reportId);
    if (report.processingStatus !== 'IN_QUEUE') {
      throw new SpApiInvalidInputError({
        operationId: 'cancelReport',
        status: 400,
        requestId: 'req-1',
        errors: [
          {
            code: 'InvalidInput',
            message: `Only IN_QUEUE reports can be cancelled: ${reportId} is ${report.processingStatus}`,
          },
        ],
      });
    }
    this.reports.set(reportId, { ...report, processingStatus: 'CANCELLED' });
  }

  async getReports(query: GetReportsQuery): Promise<{ reports: Report[]; nextToken?: string }> {
    this.calls.push('getReports');
    this.reportQueries.push(query);
    const { query: filters, offset } = this.pageOf(query);
    const since = filters.createdSince === undefined ? 0 : Date.parse(filters.createdSince);
    const matching = [...this.reports.values()]
      .filter(
        (r) =>
          (filters.reportTypes ?? []).includes(r.reportType) &&
          (filters.processingStatuses ?? [r.processingStatus]).includes(r.processingStatus) &&
          (filters.marketplaceIds === undefined ||
            (r.marketplaceIds ?? []).some((id) => filters.marketplaceIds?.includes(id))) &&
          Date.parse(r.createdTime) >= since,
      )
      .reverse();
    const end = offset + (filters.pageSize ?? 10);
    const reports = matching.slice(offset, end);
    if (end >= matching.length) return { reports };
    const nextToken = `page-${this.pages.size + 1}`;
    this.pages.set(nextToken, { query: filters, offset: end });
    return { reports, nextToken };
  }

  private existing(operationId: string, reportId: string): Report {
    const report = this.reports.get(reportId);
    if (report === undefined) {
      throw new SpApiNotFoundError({
        operationId,
        status: 404,
        requestId: 'req-1',
        errors: [{ code: 'NotFound', message: 'Report not found' }],
      });
    }
    return report;
  }

  private pageOf(query: GetReportsQuery): { query: GetReportsQuery; offset: number } {
    if (query.nextToken === undefined) return { query, offset: 0 };
    const page = this.pages.get(query.nextToken);
    if (page === undefined || Object.keys(query).length > 1) {
      throw new SpApiInvalidInputError({
        operationId: 'getReports',
        status: 400,
        requestId: 'req-1',
        errors: [{ code: 'InvalidInput', message: 'nextToken must be the only parameter' }],
      });
    }
    return page;
  }

  /** Files a report as Amazon would (also one someone else asked for); dates as Amazon writes them. */
  file(specification: CreateReportSpecification): Report {
    const reportId = String(this.nextId++);
    const amazonTime = (iso: string | undefined) =>
      iso === undefined ? new Date(this.now()).toISOString() : iso.replace('Z', '+00:00');
    const report: Report = {
      reportId,
      reportType: specification.reportType,
      createdTime: new Date(this.now()).toISOString(),
      processingStatus: 'IN_QUEUE',
      marketplaceIds: [...specification.marketplaceIds],
      dataStartTime: amazonTime(specification.dataStartTime),
      dataEndTime: amazonTime(specification.dataEndTime),
    };
    this.reports.set(reportId, report);
    return report;
  }

  /** Moves a report to another status. */
  setStatus(reportId: string, processingStatus: Report['processingStatus']): void {
    const report = this.reports.get(reportId);
    if (report !== undefined) this.reports.set(reportId, { ...report, processingStatus });
  }

  count(operation: string): number {
    return this.calls.filter((call) => call === operation).length;
  }
}
