import type { SimulatorContext } from '../server/context';
import type { CoreServices } from '../server/core-services';
import { callerPartner } from '../server/caller-partner';
import {
  type OperationHandlers,
  type OperationRequest,
  type OperationResponse,
  errorResponse,
} from '../server/operation';
import { queryList, queryTime } from '../server/query-params';
import { randomString, TOKEN_CHARS } from '../world/seeded-random';
import { newReportNumber } from '../world/reports/report-numbers';
import { sameMarketplaces } from '../world/reports/report-schedules';
import { type ReportFilter, reportState } from '../world/reports/report-state';
import { reportJson, scheduleJson } from '../world/reports/report-view';
import type { Partner } from '../world/world';

const DAY_MS = 86_400_000;
const GET_REPORTS_FILTERS = [
  'reportTypes',
  'processingStatuses',
  'marketplaceIds',
  'pageSize',
  'createdSince',
  'createdUntil',
];

interface CreateReportBody {
  readonly reportType: string;
  readonly marketplaceIds: string[];
  readonly dataStartTime?: string;
  readonly dataEndTime?: string;
  readonly reportOptions?: Record<string, string>;
}

interface CreateScheduleBody {
  readonly reportType: string;
  readonly marketplaceIds: string[];
  readonly period: string;
  readonly reportOptions?: Record<string, string>;
  readonly nextReportCreationTime?: string;
}

const invalid = (message: string): OperationResponse => errorResponse(400, 'InvalidInput', message);
const notFound = (message: string): OperationResponse => errorResponse(404, 'NotFound', message);

/** Reports API 2021-06-30 handlers (documents are in `documents.ts`). */
export function createReportsHandlers(services: CoreServices): OperationHandlers {
  const withPartner =
    (
      handler: (
        request: OperationRequest,
        ctx: SimulatorContext,
        partner: Partner,
      ) => OperationResponse,
    ) =>
    (request: OperationRequest, ctx: SimulatorContext): OperationResponse => {
      const partner = callerPartner(request.caller, ctx.world);
      return partner === undefined
        ? errorResponse(403, 'Unauthorized', 'Access to requested resource is denied.', '')
        : handler(request, ctx, partner);
    };

  return {
    createReport: withPartner((request, ctx, partner) => {
      const body = request.body as CreateReportBody;
      const problem = checkReportRequest(body, partner, services, ctx.clock.now());
      if (problem !== undefined) return invalid(problem);
      const now = ctx.clock.now();
      const record = services.reports.create(ctx, {
        sellingPartnerId: partner.sellingPartnerId,
        reportType: body.reportType,
        marketplaceIds: body.marketplaceIds,
        dataStartTime: new Date(body.dataStartTime ?? now).toISOString(),
        dataEndTime: new Date(body.dataEndTime ?? now).toISOString(),
        reportOptions: body.reportOptions ?? {},
        createdTime: now,
      });
      return { status: 202, body: { reportId: record.reportId } };
    }),

    getReports: withPartner((request, ctx, partner) => {
      const state = reportState(ctx.world);
      const nextToken = request.query.get('nextToken');
      let filter: ReportFilter;
      let offset = 0;
      if (nextToken !== null) {
        if (GET_REPORTS_FILTERS.some((name) => request.query.has(name))) {
          return invalid('nextToken must be sent alone: remove the other parameters');
        }
        const cursor = state.cursors.get(nextToken);
        if (cursor === undefined || cursor.sellingPartnerId !== partner.sellingPartnerId) {
          return invalid('nextToken is invalid or has expired');
        }
        ({ filter, offset } = cursor);
      } else {
        const reportTypes = queryList(request.query, 'reportTypes');
        if (reportTypes === undefined)
          return invalid('reportTypes is required when nextToken is absent');
        const now = ctx.clock.now();
        const processingStatuses = queryList(request.query, 'processingStatuses');
        const marketplaceIds = queryList(request.query, 'marketplaceIds');
        filter = {
          reportTypes,
          ...(processingStatuses === undefined ? {} : { processingStatuses }),
          ...(marketplaceIds === undefined ? {} : { marketplaceIds }),
          pageSize: Number(request.query.get('pageSize') ?? 10),
          createdSince: queryTime(request.query, 'createdSince') ?? now - 90 * DAY_MS,
          createdUntil: queryTime(request.query, 'createdUntil') ?? now,
        };
      }
      const matches = services.reports.query(ctx, partner.sellingPartnerId, filter);
      const page = matches.slice(offset, offset + filter.pageSize);
      const body: Record<string, unknown> = { reports: page.map(reportJson) };
      if (offset + filter.pageSize < matches.length) {
        const token = Buffer.from(randomString(ctx.random, 48, TOKEN_CHARS)).toString('base64');
        state.cursors.set(token, {
          sellingPartnerId: partner.sellingPartnerId,
          filter,
          offset: offset + filter.pageSize,
        });
        body['nextToken'] = token;
      }
      return { status: 200, body };
    }),

    getReport: withPartner((request, ctx, partner) => {
      const record = reportState(ctx.world).reports.get(request.pathParams['reportId'] ?? '');
      if (record === undefined || record.sellingPartnerId !== partner.sellingPartnerId) {
        return notFound('Report not found');
      }
      services.reports.settle(ctx, [record]);
      return { status: 200, body: reportJson(record) };
    }),

    cancelReport: withPartner((request, ctx, partner) => {
      const record = reportState(ctx.world).reports.get(request.pathParams['reportId'] ?? '');
      if (record === undefined || record.sellingPartnerId !== partner.sellingPartnerId) {
        return notFound('Report not found');
      }
      services.reports.settle(ctx, [record]);
      if (record.processingStatus !== 'IN_QUEUE') {
        return invalid(
          `reportId ${record.reportId} cannot be cancelled: only IN_QUEUE reports can be cancelled, it is ${record.processingStatus}`,
        );
      }
      services.reports.cancel(ctx, record);
      return { status: 200 };
    }),

    createReportSchedule: withPartner((request, ctx, partner) => {
      const body = request.body as CreateScheduleBody;
      const problem = checkReportRequest(body, partner, services, undefined);
      if (problem !== undefined) return invalid(problem);
      const state = reportState(ctx.world);
      for (const [id, existing] of state.schedules) {
        // A schedule for the same report type and marketplaces is cancelled and replaced.
        if (
          existing.sellingPartnerId === partner.sellingPartnerId &&
          existing.reportType === body.reportType &&
          sameMarketplaces(existing.marketplaceIds, body.marketplaceIds)
        ) {
          state.schedules.delete(id);
        }
      }
      const reportScheduleId = newReportNumber(state, ctx.clock.now());
      state.schedules.set(reportScheduleId, {
        reportScheduleId,
        sellingPartnerId: partner.sellingPartnerId,
        reportType: body.reportType,
        marketplaceIds: [...body.marketplaceIds],
        reportOptions: { ...body.reportOptions },
        period: body.period,
        nextReportCreationTime:
          body.nextReportCreationTime === undefined
            ? ctx.clock.now()
            : Date.parse(body.nextReportCreationTime),
      });
      return { status: 201, body: { reportScheduleId } };
    }),

    getReportSchedules: withPartner((request, ctx, partner) => {
      const reportTypes = queryList(request.query, 'reportTypes') ?? [];
      const schedules = [...reportState(ctx.world).schedules.values()].filter(
        (s) =>
          s.sellingPartnerId === partner.sellingPartnerId && reportTypes.includes(s.reportType),
      );
      return { status: 200, body: { reportSchedules: schedules.map(scheduleJson) } };
    }),

    getReportSchedule: withPartner((request, ctx, partner) => {
      const schedule = reportState(ctx.world).schedules.get(
        request.pathParams['reportScheduleId'] ?? '',
      );
      if (schedule === undefined || schedule.sellingPartnerId !== partner.sellingPartnerId) {
        return notFound('Report schedule not found');
      }
      return { status: 200, body: scheduleJson(schedule) };
    }),

    cancelReportSchedule: withPartner((request, ctx, partner) => {
      const state = reportState(ctx.world);
      const id = request.pathParams['reportScheduleId'] ?? '';
      const schedule = state.schedules.get(id);
      if (schedule === undefined || schedule.sellingPartnerId !== partner.sellingPartnerId) {
        return notFound('Report schedule not found');
      }
      state.schedules.delete(id);
      return { status: 200 };
    }),
  };
}

/** Rules the model cannot express; `now` is given when data times must not lie in the future. */
function checkReportRequest(
  body: Pick<CreateReportBody, 'reportType' | 'marketplaceIds' | 'dataStartTime' | 'dataEndTime'>,
  partner: Partner,
  services: CoreServices,
  now: number | undefined,
): string | undefined {
  if (!services.generator.requestableReportTypes.includes(body.reportType)) {
    return `reportType ${body.reportType} cannot be requested`;
  }
  const foreign = body.marketplaceIds.find((id) => !partner.marketplaceIds.includes(id));
  if (foreign !== undefined) {
    return `marketplaceIds contains ${foreign}, a marketplace the selling partner does not participate in`;
  }
  if (now === undefined) return undefined;
  const start = body.dataStartTime === undefined ? now : Date.parse(body.dataStartTime);
  const end = body.dataEndTime === undefined ? now : Date.parse(body.dataEndTime);
  if (start > now) return 'dataStartTime must not be in the future';
  if (end > now) return 'dataEndTime must not be in the future';
  if (start > end) return 'dataStartTime must not be after dataEndTime';
  return undefined;
}
