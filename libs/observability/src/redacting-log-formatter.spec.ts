import { REDACTED } from './redact-text';
import { RedactingLogFormatter } from './redacting-log-formatter';
import { SecretRegistry } from './secret-registry';

describe('RedactingLogFormatter', () => {
  const formatter = new RedactingLogFormatter(new SecretRegistry());

  it('builds the Powertools structure with redacted message and attributes', () => {
    const item = formatter.formatAttributes(
      {
        logLevel: 'INFO',
        message: 'refreshed Atza|IwEBIabc',
        timestamp: new Date('2025-01-01T00:00:00Z'),
        serviceName: 'token-broker',
        sampleRateValue: 0,
        xRayTraceId: 'Root=1-abc',
        awsRegion: 'eu-west-1',
        environment: '',
      },
      { refreshToken: 'opaque', reportId: 'R1' },
    );
    expect(item.getAttributes()).toMatchObject({
      level: 'INFO',
      message: `refreshed ${REDACTED}`,
      timestamp: '2025-01-01T00:00:00.000Z',
      service: 'token-broker',
      xray_trace_id: 'Root=1-abc',
      refreshToken: REDACTED,
      reportId: 'R1',
    });
  });

  it('formats errors like Powertools, redacted', () => {
    const error = new Error('failed', { cause: new Error('with amzn1.oa2-cs.v1.abcdef0123') });
    expect(formatter.formatError(error)).toMatchObject({
      name: 'Error',
      location: expect.stringContaining('redacting-log-formatter.spec.ts'),
      message: 'failed',
      cause: { message: `with ${REDACTED}` },
    });
  });
});
