import type { DuckDbCatalog } from './duckdb-catalog';

/** Ordered product sales of one day in one marketplace of one partner (local currency). */
export interface DailySales {
  readonly date: string;
  readonly sellingPartnerId: string;
  readonly marketplaceId: string;
  readonly currency: string;
  readonly orderedSales: number;
  readonly unitsOrdered: number;
}

/** The sample query `npm start` prints and the summary charts: daily ordered sales. */
export const DAILY_SALES_SQL = `SELECT
  date::VARCHAR AS date,
  selling_partner_id,
  marketplace_id,
  ordered_product_sales_currency_code AS currency,
  round(sum(ordered_product_sales_amount), 2) AS ordered_sales,
  sum(units_ordered) AS units_ordered
FROM sales_and_traffic_by_date
GROUP BY ALL
ORDER BY date, selling_partner_id, marketplace_id`;

/** Daily ordered sales from the sales-and-traffic dataset (empty when it has no data yet). */
export async function queryDailySales(catalog: DuckDbCatalog): Promise<DailySales[]> {
  if (!(await catalog.views()).includes('sales_and_traffic_by_date')) return [];
  const result = await catalog.query(DAILY_SALES_SQL);
  return result.rows.map((row) => ({
    date: String(row['date']),
    sellingPartnerId: String(row['selling_partner_id']),
    marketplaceId: String(row['marketplace_id']),
    currency: String(row['currency'] ?? ''),
    orderedSales: Number(row['ordered_sales'] ?? 0),
    unitsOrdered: Number(row['units_ordered'] ?? 0),
  }));
}
