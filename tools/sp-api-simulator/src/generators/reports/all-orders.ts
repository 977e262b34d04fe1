import { DAY_MS, dayOf } from '../calendar';
import { MAX_OUTCOME_LAG_DAYS, ordersOnDay, type Order } from '../orders';
import type { BuildResult, ReportDefinition, ResolvedRequest } from '../report-definition';
import {
  ORDERS_BY_LAST_UPDATE_HEADER,
  ORDERS_BY_ORDER_DATE_HEADER,
  orderRow,
  type OrderState,
} from './order-row';
import { syntheticOrderLines, type OrdersBasis } from './synthetic-orders';

/**
 * Orders placed in the window, one row per order line, in their final state (Shipped or
 * Cancelled), sorted by purchase time. Rows are generated per (partner, marketplace, UTC day), so
 * adjacent windows together hold exactly the rows of their union.
 */
export const allOrdersByOrderDate: ReportDefinition = {
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  format: 'tsv',
  accountTypes: ['seller'],
  requestable: true,
  build: (request) => buildOrdersReport(request, 'order-date'),
};

/**
 * Orders with a status change in the window, each in the state of its latest change inside the
 * window (`Pending` rows of merchant-fulfilled orders show no prices), sorted by that change.
 */
export const allOrdersByLastUpdate: ReportDefinition = {
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
  format: 'tsv',
  accountTypes: ['seller'],
  requestable: true,
  build: (request) => buildOrdersReport(request, 'last-update'),
};

function buildOrdersReport(request: ResolvedRequest, basis: OrdersBasis): BuildResult {
  const header =
    basis === 'order-date' ? ORDERS_BY_ORDER_DATE_HEADER : ORDERS_BY_LAST_UPDATE_HEADER;
  const withCpf = basis === 'order-date';
  const override = request.spec.rowsOverride;
  if (override !== undefined) {
    if (override <= 0) return { kind: 'no-data' };
    return {
      kind: 'tsv',
      header,
      lineEnding: '\n',
      rowCount: override,
      lines: () => syntheticOrderLines(request, basis, override),
      rows: () => splitLines(syntheticOrderLines(request, basis, override)),
    };
  }
  const rows = basis === 'order-date' ? rowsByOrderDate(request) : rowsByLastUpdate(request);
  if (rows.length === 0) return { kind: 'no-data' };
  return { kind: 'tsv', header, lineEnding: '\n', rowCount: rows.length, rows: () => rows };

  function rowsByOrderDate({ spec, marketplaces, startMs, endMs }: ResolvedRequest): string[][] {
    const result: string[][] = [];
    for (let day = dayOf(startMs); day * DAY_MS < endMs; day += 1) {
      const orders = marketplaces
        .flatMap((marketplace) => ordersOnDay(spec.seed, spec.sellingPartnerId, marketplace, day))
        .filter((order) => order.purchaseMs >= startMs && order.purchaseMs < endMs)
        .sort((a, b) => a.purchaseMs - b.purchaseMs);
      for (const order of orders) {
        for (const line of order.lines) {
          result.push(orderRow(order, line, order.outcome.status, order.outcome.atMs, withCpf));
        }
      }
    }
    return result;
  }

  function rowsByLastUpdate({ spec, marketplaces, startMs, endMs }: ResolvedRequest): string[][] {
    const changed: { order: Order; state: OrderState; atMs: number }[] = [];
    for (let day = dayOf(startMs) - MAX_OUTCOME_LAG_DAYS; day * DAY_MS < endMs; day += 1) {
      for (const marketplace of marketplaces) {
        for (const order of ordersOnDay(spec.seed, spec.sellingPartnerId, marketplace, day)) {
          const { outcome } = order;
          if (outcome.atMs >= startMs && outcome.atMs < endMs) {
            changed.push({ order, state: outcome.status, atMs: outcome.atMs });
          } else if (order.purchaseMs >= startMs && order.purchaseMs < endMs) {
            changed.push({ order, state: 'Pending', atMs: order.purchaseMs });
          }
        }
      }
    }
    changed.sort((a, b) => a.atMs - b.atMs);
    return changed.flatMap(({ order, state, atMs }) =>
      order.lines.map((line) => orderRow(order, line, state, atMs, withCpf)),
    );
  }
}

function* splitLines(lines: Iterable<string>): Generator<string[], void, undefined> {
  for (const line of lines) yield line.split('\t');
}
