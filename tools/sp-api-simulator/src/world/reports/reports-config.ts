import type { ReportTiming } from './report-state';

/** Reports options of the simulator. */
export interface ReportsConfig {
  /** Lifecycle timing; default IN_QUEUE 5 s, IN_PROGRESS 30 s (simulated). */
  readonly timing?: Partial<ReportTiming> & {
    readonly byReportType?: Readonly<Record<string, Partial<ReportTiming>>>;
  };
  /** Row count per report type, for multi-million-row documents (passed to the generator). */
  readonly rowsOverride?: Readonly<Record<string, number>>;
  /** Which documents are GZIP: JSON ones (default, as observed), all, none, or listed report types. */
  readonly gzip?: 'json' | 'all' | 'none' | readonly string[];
  /** Charset of Japanese flat files: UTF-8 (default) or Shift_JIS. */
  readonly japanCharset?: 'UTF-8' | 'Shift_JIS';
}

/** Default lifecycle timing. */
export const DEFAULT_REPORT_TIMING: ReportTiming = { inQueueMs: 5_000, inProgressMs: 30_000 };

/** The timing of `reportType` under `config`. */
export function timingFor(config: ReportsConfig, reportType: string): ReportTiming {
  const own = config.timing?.byReportType?.[reportType];
  return {
    inQueueMs: own?.inQueueMs ?? config.timing?.inQueueMs ?? DEFAULT_REPORT_TIMING.inQueueMs,
    inProgressMs:
      own?.inProgressMs ?? config.timing?.inProgressMs ?? DEFAULT_REPORT_TIMING.inProgressMs,
  };
}

// Marketplaces whose flat files are observed in Cp1252: European storefronts and Mexico.
const CP1252_MARKETPLACES = new Set([
  'A1F83G8C2ARO7P', // UK
  'A1PA6795UKMFR9', // DE
  'A13V1IB3VIYZZH', // FR
  'APJ6JRA9NG5V4', // IT
  'A1RKKUPIHCS9HS', // ES
  'A1805IZSGTT6HS', // NL
  'A2NODRKZP88ZB9', // SE
  'A1C3SOZRARQ6R3', // PL
  'AMEN7PMS3EDWL', // BE
  'A28R8C7NBKEWEA', // IE
  'A1AM78C64UM0Y8', // MX
]);
const JAPAN = 'A1VC38T7YXB528';

/** How a document is served: compressed or not, and the charset label of its Content-Type. */
export function documentEncoding(
  config: ReportsConfig,
  document: {
    readonly reportType: string;
    readonly json: boolean;
    readonly flatFile: boolean;
    readonly marketplaceIds: readonly string[];
  },
): { readonly gzip: boolean; readonly charset: string } {
  const policy = config.gzip ?? 'json';
  const gzip =
    policy === 'all' ||
    (policy === 'json' && document.json) ||
    (Array.isArray(policy) && policy.includes(document.reportType));
  const first = document.marketplaceIds[0] ?? '';
  let charset = 'UTF-8';
  if (document.flatFile && !document.json) {
    if (CP1252_MARKETPLACES.has(first)) charset = 'Cp1252';
    else if (first === JAPAN) charset = config.japanCharset ?? 'UTF-8';
  }
  return { gzip, charset };
}
