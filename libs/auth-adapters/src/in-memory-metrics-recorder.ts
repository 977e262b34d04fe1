import type { AuthMetric, AuthMetricUnit } from '@spapi-lake/auth';
import type { FlushableMetricsRecorder } from './powertools-metrics-recorder';

/** Metric points kept in memory (the local runner, tests); `flush` forgets nothing. */
export class InMemoryMetricsRecorder implements FlushableMetricsRecorder {
  readonly points: {
    readonly name: AuthMetric;
    readonly value: number;
    readonly unit: AuthMetricUnit;
    readonly dimensions?: Readonly<Record<string, string>>;
  }[] = [];

  record(
    name: AuthMetric,
    value: number,
    unit: AuthMetricUnit,
    dimensions?: Readonly<Record<string, string>>,
  ): void {
    this.points.push({ name, value, unit, ...(dimensions === undefined ? {} : { dimensions }) });
  }

  /** The sum of the values recorded under `name`. */
  total(name: AuthMetric): number {
    return this.points.filter((p) => p.name === name).reduce((sum, p) => sum + p.value, 0);
  }

  flush(): void {
    // Nothing to publish: the points stay readable.
  }
}
