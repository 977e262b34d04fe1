import { dateKey, periodContaining, periodsBetween, type ReportPeriod } from '../calendar';
import type { Marketplace } from '../marketplaces';
import { HISTORY_START_DAY } from '../orders';
import {
  fatal,
  missingOptionsDetails,
  type BuildResult,
  type ResolvedRequest,
} from '../report-definition';
import { analyticsDays } from './analytics-window';

/** A required reportOption of a vendor report and the values it accepts. */
export interface VendorOption {
  readonly name: string;
  readonly values: readonly string[];
}

export const REPORT_PERIOD_OPTION = {
  name: 'reportPeriod',
  values: ['DAY', 'WEEK', 'MONTH', 'QUARTER', 'YEAR'],
} as const satisfies VendorOption;
export const DISTRIBUTOR_VIEW_OPTION = {
  name: 'distributorView',
  values: ['MANUFACTURING', 'SOURCING'],
} as const satisfies VendorOption;
/** sellingProgram of the inventory and forecasting reports (the sales report also has BUSINESS). */
export const SELLING_PROGRAM_OPTION = {
  name: 'sellingProgram',
  values: ['RETAIL', 'FRESH'],
} as const satisfies VendorOption;

/** Valid reportOptions, in the order the document echoes them (by name). */
export type VendorOptions = Readonly<Record<string, string>>;

/**
 * Checks the options and the marketplace of a vendor report in Amazon's order: every option
 * present (Amazon's message otherwise), every value valid, exactly one marketplace.
 */
export function resolveVendorRequest(
  { spec, marketplaces }: ResolvedRequest,
  options: readonly VendorOption[],
): { kind: 'vendor'; options: VendorOptions; marketplace: Marketplace } | BuildResult {
  const given = spec.reportOptions;
  if (options.some(({ name }) => given[name] === undefined)) {
    return fatal(missingOptionsDetails(options.map(({ name }) => name)));
  }
  if (options.some(({ name, values }) => !values.includes(given[name] ?? ''))) {
    const valid = options.map(({ name, values }) => `${name} ${values.join(', ')}`).join('; ');
    return fatal(`Invalid reportOption value. Valid values: ${valid}.`);
  }
  const [marketplace, ...others] = marketplaces;
  if (!marketplace || others.length > 0) {
    return fatal('This report type supports exactly one marketplaceId per request.');
  }
  const echoed = options
    .map(({ name }) => name)
    .sort()
    .map((name) => [name, given[name] ?? ''] as const);
  return { kind: 'vendor', options: Object.fromEntries(echoed), marketplace };
}

/** A vendor report request with a reportPeriod whose window passed its checks. */
export interface VendorPeriodWindow {
  readonly kind: 'window';
  readonly marketplace: Marketplace;
  readonly options: VendorOptions;
  readonly firstDay: number;
  readonly lastDay: number;
  /** The whole periods of the window, in order. */
  readonly periods: readonly { readonly first: number; readonly last: number }[];
}

/**
 * Resolves a vendor report that has a reportPeriod (sales, traffic, inventory, margin): the
 * options (reportPeriod among them), one marketplace, a window on period boundaries that may span
 * several periods. No data when the window ends before the world's history.
 */
export function resolveVendorPeriods(
  request: ResolvedRequest,
  options: readonly VendorOption[],
): VendorPeriodWindow | BuildResult {
  const resolved = resolveVendorRequest(request, options);
  if (resolved.kind !== 'vendor') return resolved;
  const period = REPORT_PERIOD_OPTION.values.find(
    (value) => value === resolved.options[REPORT_PERIOD_OPTION.name],
  );
  if (!period) throw new Error('vendor reports with a window require the reportPeriod option');
  const days = analyticsDays(request.spec);
  if (!days || !onPeriodBoundaries(period, days.firstDay, days.lastDay)) {
    return fatal(
      `dataStartTime must be the first day and dataEndTime the last day of a ${period} reportPeriod.`,
    );
  }
  if (days.lastDay < HISTORY_START_DAY) return { kind: 'no-data' };
  return {
    kind: 'window',
    marketplace: resolved.marketplace,
    options: resolved.options,
    ...days,
    periods: periodsBetween(period, days.firstDay, days.lastDay),
  };
}

/** `reportSpecification` of a vendor report with a window; updated the day after it ends. */
export function vendorPeriodSpecification(
  reportType: string,
  window: VendorPeriodWindow,
): Record<string, unknown> {
  return {
    reportType,
    reportOptions: window.options,
    lastUpdatedDate: dateKey(window.lastDay + 1),
    dataStartTime: dateKey(window.firstDay),
    dataEndTime: dateKey(window.lastDay),
    marketplaceIds: [window.marketplace.id],
  };
}

function onPeriodBoundaries(period: ReportPeriod, firstDay: number, lastDay: number): boolean {
  return (
    periodContaining(period, firstDay).first === firstDay &&
    periodContaining(period, lastDay).last === lastDay
  );
}
