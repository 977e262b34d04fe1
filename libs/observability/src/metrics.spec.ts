import { Metrics } from '@aws-lambda-powertools/metrics';
import { createMetrics } from './metrics';

describe('createMetrics', () => {
  it('creates Powertools Metrics for a namespace and service', () => {
    const metrics = createMetrics({
      namespace: 'spapi-lake',
      serviceName: 'report-retriever',
      defaultDimensions: { environment: 'test' },
    });
    expect(metrics).toBeInstanceOf(Metrics);
    expect(metrics.hasStoredMetrics()).toBe(false);
  });
});
