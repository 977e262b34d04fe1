import type { Marketplace } from '../marketplaces';
import type { ReportDefinition } from '../report-definition';
import { round2, round4 } from './analytics-window';
import { currencyAmount, type BrandAsin } from './brand-asins';
import { vendorDailyUnits, vendorGlanceViews, vendorUnitCostMinor } from './vendor-daily';
import { vendorPurchaseOrders, vendorStock, type VendorStock } from './vendor-inventory-day';
import { vendorPeriodReport } from './vendor-period-report';
import {
  DISTRIBUTOR_VIEW_OPTION,
  REPORT_PERIOD_OPTION,
  SELLING_PROGRAM_OPTION,
  resolveVendorPeriods,
} from './vendor-request';

const REPORT_TYPE = 'GET_VENDOR_INVENTORY_REPORT';
const STOCK_FIELDS = [
  'sellable',
  'unsellable',
  'aged90Plus',
  'unhealthy',
  'unfilledCustomerOrdered',
  'openPurchaseOrder',
] as const;

/** Additive sums of one ASIN (or all) over one period; stock and its cost at the period's end. */
interface InventorySums {
  requested: number;
  confirmed: number;
  received: number;
  netReceived: number;
  netReceivedCost: number;
  leadTimeTenthsByUnit: number;
  soldLessReturns: number;
  openingStock: number;
  glanceViews: number;
  outOfStockGlanceViews: number;
  inStockDays: number;
  days: number;
  stock: Record<(typeof STOCK_FIELDS)[number], number>;
  stockCost: Record<(typeof STOCK_FIELDS)[number], number>;
}

/**
 * Amazon's inventory of the vendor's items per period, aggregate and per ASIN, for one
 * marketplace. reportPeriod, distributorView and sellingProgram (RETAIL, FRESH) are required; the
 * window must start and end on period boundaries and may span several periods. Every field of the
 * schema is present for every view and program (the schema restricts none). Flows (purchase
 * orders, receipts, shipped units of the sales report) sum daily values; on-hand units are the
 * stock on the period's last day; rates are recomputed from the sums, so the aggregate rate is
 * the rate of the whole catalog.
 */
export const vendorInventoryReport: ReportDefinition = {
  reportType: REPORT_TYPE,
  format: 'json',
  accountTypes: ['vendor'],
  requestable: true,
  build: (request) => {
    const window = resolveVendorPeriods(request, [
      REPORT_PERIOD_OPTION,
      DISTRIBUTOR_VIEW_OPTION,
      SELLING_PROGRAM_OPTION,
    ]);
    if (window.kind !== 'window') return window;
    const { seed, sellingPartnerId } = request.spec;
    const { marketplace } = window;
    const stockOn = (item: BrandAsin, day: number) =>
      vendorStock(seed, sellingPartnerId, marketplace, item.asin, day);
    return vendorPeriodReport<InventorySums>(REPORT_TYPE, 'inventory', request, window, {
      measure: (item, period) => {
        const sums = emptySums();
        const unitCost = vendorUnitCostMinor(item.regularPriceMinor);
        sums.openingStock = Math.max(0, stockOn(item, period.first - 1).sellable);
        for (let day = period.first; day <= period.last; day += 1) {
          const units = vendorDailyUnits(seed, sellingPartnerId, marketplace, item.asin, day);
          const orders = vendorPurchaseOrders(seed, sellingPartnerId, marketplace, item.asin, day);
          const views = vendorGlanceViews(
            seed,
            sellingPartnerId,
            marketplace,
            item.asin,
            day,
            units.ordered,
          );
          const inStock = stockOn(item, day).sellable > 0;
          sums.requested += orders.requested;
          sums.confirmed += orders.confirmed;
          sums.received += orders.received;
          sums.netReceived += orders.received - orders.returnedToVendor;
          sums.leadTimeTenthsByUnit += orders.leadTimeTenths * orders.received;
          sums.soldLessReturns += units.shipped - units.customerReturns;
          sums.glanceViews += views;
          sums.outOfStockGlanceViews += inStock ? 0 : views;
          sums.inStockDays += inStock ? 1 : 0;
          sums.days += 1;
        }
        sums.netReceivedCost = sums.netReceived * unitCost;
        addStock(sums, stockOn(item, period.last), unitCost);
        return sums;
      },
      empty: emptySums,
      add: addSums,
      fields: (sums) => inventoryFields(sums, marketplace),
      aggregateFields: catalogRates,
    });
  },
};

function inventoryFields(sums: InventorySums, marketplace: Marketplace): Record<string, unknown> {
  const money = (minor: number) => currencyAmount(minor, marketplace);
  const { stock, stockCost } = sums;
  return {
    vendorConfirmationRate: rate(sums.confirmed, sums.requested),
    netReceivedInventoryCost: money(sums.netReceivedCost),
    netReceivedInventoryUnits: sums.netReceived,
    openPurchaseOrderUnits: stock.openPurchaseOrder,
    averageVendorLeadTimeDays:
      sums.received === 0 ? 0 : round2(sums.leadTimeTenthsByUnit / sums.received / 10),
    sellThroughRate: rate(sums.soldLessReturns, sums.openingStock + sums.received),
    unfilledCustomerOrderedUnits: stock.unfilledCustomerOrdered,
    sellableOnHandInventoryCost: money(stockCost.sellable),
    sellableOnHandInventoryUnits: stock.sellable,
    unsellableOnHandInventoryCost: money(stockCost.unsellable),
    unsellableOnHandInventoryUnits: stock.unsellable,
    aged90PlusDaysSellableInventoryCost: money(stockCost.aged90Plus),
    aged90PlusDaysSellableInventoryUnits: stock.aged90Plus,
    unhealthyInventoryCost: money(stockCost.unhealthy),
    unhealthyInventoryUnits: stock.unhealthy,
  };
}

// Rates the schema gives only the aggregate (InventoryAggregate), not an ASIN's row.
function catalogRates(sums: InventorySums): Record<string, unknown> {
  return {
    procurableProductOutOfStockRate: rate(sums.outOfStockGlanceViews, sums.glanceViews),
    uft: rate(sums.inStockDays, sums.days),
    receiveFillRate: rate(sums.received, sums.confirmed),
  };
}

function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : round4(part / whole);
}

function addStock(sums: InventorySums, stock: VendorStock, unitCost: number): void {
  for (const field of STOCK_FIELDS) {
    sums.stock[field] += stock[field];
    sums.stockCost[field] += stock[field] * unitCost;
  }
}

function emptyStock(): InventorySums['stock'] {
  return {
    sellable: 0,
    unsellable: 0,
    aged90Plus: 0,
    unhealthy: 0,
    unfilledCustomerOrdered: 0,
    openPurchaseOrder: 0,
  };
}

function emptySums(): InventorySums {
  return {
    requested: 0,
    confirmed: 0,
    received: 0,
    netReceived: 0,
    netReceivedCost: 0,
    leadTimeTenthsByUnit: 0,
    soldLessReturns: 0,
    openingStock: 0,
    glanceViews: 0,
    outOfStockGlanceViews: 0,
    inStockDays: 0,
    days: 0,
    stock: emptyStock(),
    stockCost: emptyStock(),
  };
}

function addSums(into: InventorySums, from: InventorySums): void {
  into.requested += from.requested;
  into.confirmed += from.confirmed;
  into.received += from.received;
  into.netReceived += from.netReceived;
  into.netReceivedCost += from.netReceivedCost;
  into.leadTimeTenthsByUnit += from.leadTimeTenthsByUnit;
  into.soldLessReturns += from.soldLessReturns;
  into.openingStock += from.openingStock;
  into.glanceViews += from.glanceViews;
  into.outOfStockGlanceViews += from.outOfStockGlanceViews;
  into.inStockDays += from.inStockDays;
  into.days += from.days;
  for (const field of STOCK_FIELDS) {
    into.stock[field] += from.stock[field];
    into.stockCost[field] += from.stockCost[field];
  }
}
