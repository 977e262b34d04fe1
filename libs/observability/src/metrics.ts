import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Dimensions } from '@aws-lambda-powertools/metrics/types';

/** Options of {@link createMetrics}. */
export interface CreateMetricsOptions {
  readonly namespace: string;
  readonly serviceName: string;
  readonly defaultDimensions?: Dimensions;
}

/** Creates the app's Powertools Metrics (CloudWatch EMF) for a namespace and service. */
export function createMetrics(options: CreateMetricsOptions): Metrics {
  return new Metrics({
    namespace: options.namespace,
    serviceName: options.serviceName,
    ...(options.defaultDimensions ? { defaultDimensions: options.defaultDimensions } : {}),
  });
}
