import { Metrics } from '@aws-lambda-powertools/metrics';
import { PowertoolsMetricsRecorder } from './powertools-metrics-recorder';

describe('PowertoolsMetricsRecorder', () => {
  it('emits dimensioned points at once and buffers the rest until flush', () => {
    const lines: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const metrics = new Metrics({ namespace: 'spapi-lake', serviceName: 'token-broker' });
      const recorder = new PowertoolsMetricsRecorder(metrics);
      recorder.record('ReauthorizationRequired', 1, 'Count', { region: 'EU' });
      expect(lines.join('')).toContain('"region":"EU"');
      recorder.record('ClientSecretAgeDays', 12, 'Days');
      expect(metrics.hasStoredMetrics()).toBe(true);
      recorder.flush();
      expect(metrics.hasStoredMetrics()).toBe(false);
      const emf = lines.map((line) => JSON.parse(line)).find((e) => 'ClientSecretAgeDays' in e);
      expect(emf._aws.CloudWatchMetrics[0].Metrics).toEqual([
        { Name: 'ClientSecretAgeDays', Unit: 'None' },
      ]);
      recorder.flush();
    } finally {
      jest.restoreAllMocks();
    }
  });
});
