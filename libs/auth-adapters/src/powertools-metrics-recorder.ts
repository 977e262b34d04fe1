import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { AuthMetric, AuthMetricUnit, MetricsRecorder } from '@spapi-lake/auth';

/** A MetricsRecorder that can publish what it holds at the end of an invocation. */
export interface FlushableMetricsRecorder extends MetricsRecorder {
  flush(): void;
}

/**
 * The MetricsRecorder over Powertools Metrics (CloudWatch EMF). Dimensioned points go out as single
 * metrics; the rest are buffered until `flush`. CloudWatch has no day unit: days are `None`.
 */
export class PowertoolsMetricsRecorder implements FlushableMetricsRecorder {
  constructor(private readonly metrics: Metrics) {}

  record(
    name: AuthMetric,
    value: number,
    unit: AuthMetricUnit,
    dimensions?: Readonly<Record<string, string>>,
  ): void {
    const cloudWatchUnit = unit === 'Count' ? MetricUnit.Count : MetricUnit.NoUnit;
    if (dimensions === undefined || Object.keys(dimensions).length === 0) {
      this.metrics.addMetric(name, cloudWatchUnit, value);
      return;
    }
    const single = this.metrics.singleMetric();
    for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
    single.addMetric(name, cloudWatchUnit, value);
  }

  flush(): void {
    if (this.metrics.hasStoredMetrics()) this.metrics.publishStoredMetrics();
  }
}
