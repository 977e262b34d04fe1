import type { ColumnDefinition } from './column-type';

/** Where a curated row's `dt` partition comes from. */
export type PartitionDateSource =
  /** The calendar date (UTC) of this column's value. */
  | { readonly column: string }
  /** The date the requested window starts on: snapshots (listings, inventory) and period reports. */
  | { readonly window: 'start' };

/** One curated table fed by a report type. */
export interface DatasetDefinition {
  /** snake_case name; the curated prefix and the Glue table. */
  readonly name: string;
  readonly columns: readonly ColumnDefinition[];
  readonly partitionDate: PartitionDateSource;
  /**
   * JSON reports: the top-level array whose elements are this dataset's rows. Required: a document
   * without it (an `errorDetails` document) is malformed, as every report schema in scope says.
   */
  readonly jsonArray?: string;
  /** JSON reports: leading path segments dropped when naming a column that drifted in. */
  readonly jsonStripPrefixes?: readonly string[];
}

/** How windows of a report type are cut (the fan-out honours these). */
export interface WindowRules {
  /** Longest window one createReport may ask for. */
  readonly maxWindowDays: number;
  /** Hours after a day ends before its data is complete. */
  readonly dataLagHours: number;
  /** Whether windows must be whole `reportPeriod`s (Brand Analytics, vendor analytics). */
  readonly periodAligned: boolean;
  /** Whether a window is a point-in-time snapshot (listings, inventory) rather than a range. */
  readonly snapshot: boolean;
  /**
   * How many days back from the request a window may start: Amazon cancels a report that starts
   * earlier, which reads as "no data". Set only where SP-API documents the limit; absent: none known.
   */
  readonly maxLookbackDays?: number;
  /** Per `reportPeriod`, where Amazon states a limit by period: overrides `maxLookbackDays`. */
  readonly maxLookbackDaysByPeriod?: Readonly<Partial<Record<string, number>>>;
  /**
   * Hours after its end a window may still end FATAL for a reason time cures (Amazon not having
   * the period's data yet); until then FATALs never skip it. Absent: 72.
   */
  readonly fatalGraceHours?: number;
}

/** Everything the pipeline knows about one SP-API report type. */
export interface ReportTypeDefinition {
  readonly reportType: string;
  readonly format: 'tsv' | 'json';
  /** Which kind of account can request it. */
  readonly accountTypes: readonly ('seller' | 'vendor')[];
  /** False for Amazon-generated types (settlements): discovered with getReports, never created. */
  readonly requestable: boolean;
  /** Restricted types need a Restricted Data Token for getReportDocument. */
  readonly restricted: boolean;
  /** reportOptions keys createReport must carry. */
  readonly requiredOptions: readonly string[];
  /**
   * The values a reportOptions key accepts, as the type's report schema in the official models
   * lists them; keys not listed are not checked. Only a type listing `reportPeriod` takes one.
   */
  readonly optionValues: Readonly<Record<string, readonly string[]>>;
  /**
   * Whether `optionValues` names every option the type takes, as the report schema of a JSON type
   * does: another key (a typo such as `asinGranularty`) is refused rather than sent, where Amazon
   * would ignore it and make the report with the default.
   */
  readonly onlyListedOptions?: boolean;
  /**
   * reportOptions keys whose value is a space-separated list of ASINs, at most 200 characters (Brand
   * Analytics search query and search catalog performance), checked as such rather than by value.
   */
  readonly asinListOptions?: readonly string[];
  /** reportOptions createReport carries unless the report config sets them itself. */
  readonly defaultOptions?: Readonly<Record<string, string>>;
  readonly window: WindowRules;
  readonly datasets: readonly DatasetDefinition[];
}

/** How many days back a window of these rules may start (with this `reportPeriod`), if limited. */
export function lookbackDaysOf(
  rules: Pick<WindowRules, 'maxLookbackDays' | 'maxLookbackDaysByPeriod'>,
  reportPeriod: string | undefined,
): number | undefined {
  const byPeriod =
    reportPeriod === undefined ? undefined : rules.maxLookbackDaysByPeriod?.[reportPeriod];
  return byPeriod ?? rules.maxLookbackDays;
}
