import { dateKey } from '../calendar';
import { EAGER_ROW_LIMIT, type BuildResult, type ResolvedRequest } from '../report-definition';
import { brandAsins, sizedAsins, type BrandAsin } from './brand-asins';
import { vendorPeriodSpecification, type VendorPeriodWindow } from './vendor-request';

/** One period of a vendor report window (days, inclusive). */
export interface Period {
  readonly first: number;
  readonly last: number;
}

/**
 * How a vendor report measures one ASIN over one period (`S`: additive sums) and shows sums as
 * fields; the aggregate of a period shows the sums of its ASIN rows.
 */
export interface VendorMetrics<S> {
  measure(item: BrandAsin, period: Period): S;
  empty(): S;
  add(into: S, from: S): void;
  fields(sums: S): Record<string, unknown>;
  /** Fields only the aggregate rows have (inventory: catalog-wide rates); none by default. */
  aggregateFields?(sums: S): Record<string, unknown>;
}

/**
 * The document of a vendor report with an aggregate and a per-ASIN array (`<name>Aggregate`,
 * `<name>ByAsin`; tables `<snake_name>_aggregate`, `<snake_name>_by_asin`): one aggregate per
 * period and one row per listed ASIN and period. `rowsOverride` sets the number of per-ASIN rows
 * (ASINs of the extended catalog beyond the listed ones, the last period cut short); the
 * aggregates stay one per period (sums of that period's rows). No data at 0 rows.
 */
export function vendorPeriodReport<S>(
  reportType: string,
  arrayName: string,
  { spec }: ResolvedRequest,
  window: VendorPeriodWindow,
  metrics: VendorMetrics<S>,
): BuildResult {
  const { marketplace, periods } = window;
  const catalog = brandAsins(spec.seed, spec.sellingPartnerId, marketplace);
  const count = spec.rowsOverride ?? periods.length * catalog.length;
  if (count <= 0 || catalog.length === 0) return { kind: 'no-data' };
  const perPeriod = Math.ceil(count / periods.length);
  const asins =
    spec.rowsOverride === undefined
      ? catalog
      : sizedAsins(spec.seed, spec.sellingPartnerId, marketplace, catalog, perPeriod);

  const periodItems = (index: number): readonly BrandAsin[] =>
    asins.slice(0, Math.max(0, Math.min(perPeriod, count - index * perPeriod)));
  const dates = (period: Period) => ({
    startDate: dateKey(period.first),
    endDate: dateKey(period.last),
  });
  // Streams row by row: rowsOverride may ask for millions.
  function* byAsin(): Generator<Record<string, unknown>> {
    for (const [index, period] of periods.entries()) {
      for (const item of periodItems(index)) {
        yield {
          ...dates(period),
          asin: item.asin,
          ...metrics.fields(metrics.measure(item, period)),
        };
      }
    }
  }
  function* aggregates(): Generator<Record<string, unknown>> {
    for (const [index, period] of periods.entries()) {
      const total = metrics.empty();
      for (const item of periodItems(index)) metrics.add(total, metrics.measure(item, period));
      yield { ...dates(period), ...metrics.fields(total), ...metrics.aggregateFields?.(total) };
    }
  }
  const eager = count <= EAGER_ROW_LIMIT;
  const aggregateRows = eager ? [...aggregates()] : undefined;
  const asinRows = eager ? [...byAsin()] : undefined;
  const snake = snakeCase(arrayName);
  return {
    kind: 'json',
    head: { reportSpecification: vendorPeriodSpecification(reportType, window) },
    arrays: [
      {
        key: `${arrayName}Aggregate`,
        table: `${snake}_aggregate`,
        count: periods.length,
        items: () => aggregateRows ?? aggregates(),
      },
      {
        key: `${arrayName}ByAsin`,
        table: `${snake}_by_asin`,
        count,
        items: () => asinRows ?? byAsin(),
      },
    ],
  };
}

/** `netPureProductMargin` -> `net_pure_product_margin`. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
