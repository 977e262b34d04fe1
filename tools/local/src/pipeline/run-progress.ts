/** Counters of one run, shown while it works and in the summary. */
export interface ProgressCounters {
  executionsStarted: number;
  executionsSucceeded: number;
  executionsFailed: number;
  reportsCreated: number;
  reportsDone: number;
  reportsCancelled: number;
  reportsFatal: number;
  rows: number;
  quarantinedRows: number;
  rawBytes: number;
  notifications: number;
  catalogRefreshes: number;
}

/** What the pipeline reports as it goes. */
export class RunProgress {
  readonly counters: ProgressCounters = {
    executionsStarted: 0,
    executionsSucceeded: 0,
    executionsFailed: 0,
    reportsCreated: 0,
    reportsDone: 0,
    reportsCancelled: 0,
    reportsFatal: 0,
    rows: 0,
    quarantinedRows: 0,
    rawBytes: 0,
    notifications: 0,
    catalogRefreshes: 0,
  };
  private readonly listeners: ((counters: ProgressCounters) => void)[] = [];

  /** Adds `delta` to the counters and tells the listeners. */
  add(delta: Partial<ProgressCounters>): void {
    for (const [key, value] of Object.entries(delta) as [keyof ProgressCounters, number][]) {
      this.counters[key] += value;
    }
    for (const listener of this.listeners) listener(this.counters);
  }

  onChange(listener: (counters: ProgressCounters) => void): void {
    this.listeners.push(listener);
  }
}

/** One line: executions, reports, rows, bytes. */
export function formatProgress(counters: ProgressCounters): string {
  const running =
    counters.executionsStarted - counters.executionsSucceeded - counters.executionsFailed;
  return [
    `executions ${counters.executionsSucceeded} ok, ${counters.executionsFailed} failed, ${running} running`,
    `reports ${counters.reportsCreated} requested, ${counters.reportsDone} done, ${counters.reportsCancelled} empty, ${counters.reportsFatal} fatal`,
    `rows ${counters.rows.toLocaleString('en-US')}`,
    `raw ${formatBytes(counters.rawBytes)}`,
    `notifications ${counters.notifications}`,
    `catalog refreshes ${counters.catalogRefreshes}`,
  ].join(' | ');
}

/** `1.2 MB`-style size. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
