import { Logger } from '@aws-lambda-powertools/logger';
import { createLogger } from './logger';
import { REDACTED } from './redact-text';
import { SecretRegistry } from './secret-registry';

// Canary values: each must never reach stdout/stderr, whatever shape it is logged in.
const SHAPELESS_SECRET = 'plain-shapeless-value-7f3a1c';
const QUOTED_SECRET = 'p@ss"w\\rd-9Zq!';
const LATE_SECRET = 'registered-after-child-creation';
const ACCESS_TOKEN = 'Atza|IwEBIJ4kCanaryAccessToken-0123456789_abc+def/ghi=';
const REFRESH_TOKEN = 'Atzr|IwEBIKCanaryRefreshToken-9876543210_xyz';
const CLIENT_SECRET = 'amzn1.oa2-cs.v1.3f1e0c2b9a8d7e6f5a4b3c2d1e0f9a8bcanary';
const SIGNATURE = '0b1c2d3e4f5a6b7c8d9ecanarysignature';
const PRESIGNED = `https://tortuga-prod-eu.s3-eu-west-1.amazonaws.com/doc-123.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300&X-Amz-Signature=${SIGNATURE}`;

const CANARIES = [
  SHAPELESS_SECRET,
  QUOTED_SECRET,
  JSON.stringify(QUOTED_SECRET).slice(1, -1),
  encodeURIComponent(SHAPELESS_SECRET),
  LATE_SECRET,
  ACCESS_TOKEN,
  REFRESH_TOKEN,
  'IwEBIJ4kCanary',
  'IwEBIKCanary',
  CLIENT_SECRET,
  SIGNATURE,
];

const POWERTOOLS_ENV = [
  'POWERTOOLS_DEV',
  'POWERTOOLS_LOG_LEVEL',
  'LOG_LEVEL',
  'AWS_LAMBDA_LOG_LEVEL',
];

describe('createLogger', () => {
  let output: string[];
  const savedEnv = new Map<string, string | undefined>();

  beforeEach(() => {
    // Outside dev mode Powertools writes through its own Console bound to process.stdout/stderr.
    for (const key of POWERTOOLS_ENV) {
      savedEnv.set(key, process.env[key]);
      delete process.env[key];
    }
    output = [];
    const capture = (chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    };
    jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    for (const [key, value] of savedEnv) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  const entries = () =>
    output
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line): Record<string, unknown> => JSON.parse(line));

  it('returns a Powertools Logger writing the standard structure', () => {
    const logger = createLogger({ serviceName: 'report-retriever' });
    logger.info('report stored', { reportId: '123' });
    expect(logger).toBeInstanceOf(Logger);
    expect(entries()).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'report stored',
        service: 'report-retriever',
        reportId: '123',
        timestamp: expect.any(String),
      }),
    ]);
  });

  it('never writes a secret, token, client secret or signed query in any shape (canary)', () => {
    const logger = createLogger({
      serviceName: 'canary',
      logLevel: 'DEBUG',
      persistentKeys: { boot: SHAPELESS_SECRET, sellingPartnerId: 'A1CANARY' },
    });
    logger.registerSecretValues([SHAPELESS_SECRET, QUOTED_SECRET]);
    logger.appendPersistentKeys({ session: `quoted ${QUOTED_SECRET}` });
    logger.appendKeys({ documentUrl: PRESIGNED, reportId: 'R-1' });

    const inner = new Error(`LWA rejected ${REFRESH_TOKEN} with ${CLIENT_SECRET}`);
    const error = Object.assign(
      new Error(`GET ${PRESIGNED} failed for ${SHAPELESS_SECRET}`, { cause: inner }),
      {
        response: { body: `{"access_token":"${ACCESS_TOKEN}","refresh_token":"${REFRESH_TOKEN}"}` },
        clientSecret: CLIENT_SECRET,
      },
    );

    logger.info(`message with ${SHAPELESS_SECRET} and ${ACCESS_TOKEN}`);
    logger.info({
      message: 'attribute shapes',
      detail: SHAPELESS_SECRET,
      refreshToken: REFRESH_TOKEN,
    });
    logger.info('nested', {
      request: {
        body: { grant_type: 'refresh_token', client_secret: CLIENT_SECRET, note: QUOTED_SECRET },
      },
    });
    logger.info('array', { items: [SHAPELESS_SECRET, { token: ACCESS_TOKEN }, [PRESIGNED]] });
    logger.error('error as extra argument', error);
    logger.error({ message: 'error as attribute', error });
    logger.warn('string extra argument', `extra ${SHAPELESS_SECRET} ${PRESIGNED}`);
    logger.debug(
      'object extra arguments',
      { url: new URL(PRESIGNED) },
      { map: new Map([['k', ACCESS_TOKEN]]) },
    );
    logger.critical('critical', {
      headers: { 'x-amz-access-token': ACCESS_TOKEN, authorization: `Bearer ${ACCESS_TOKEN}` },
    });

    const child = logger.createChild({ persistentKeys: { component: 'child' } });
    logger.registerSecretValue(LATE_SECRET);
    child.info(`child message ${LATE_SECRET} ${SHAPELESS_SECRET}`, { late: LATE_SECRET });

    const written = output.join('');
    expect(entries()).toHaveLength(10);
    for (const canary of CANARIES) {
      expect(written).not.toContain(canary);
    }
    expect(written).toContain(REDACTED);
    expect(written).toContain(
      `https://tortuga-prod-eu.s3-eu-west-1.amazonaws.com/doc-123.gz?${REDACTED}`,
    );
    // Correlation keys and error structure survive redaction.
    expect(entries().every((entry) => entry['sellingPartnerId'] === 'A1CANARY')).toBe(true);
    const errorEntry = entries().find((entry) => entry['message'] === 'error as extra argument');
    expect(errorEntry?.['error']).toMatchObject({
      name: 'Error',
      location: expect.stringContaining('logger.spec.ts'),
      clientSecret: REDACTED,
      cause: { message: `LWA rejected ${REDACTED} with ${REDACTED}` },
    });
  });

  it('shares one registry between loggers and the code that fetches secrets', () => {
    const secrets = new SecretRegistry();
    const logger = createLogger({ serviceName: 'token-broker', secrets });
    secrets.register(SHAPELESS_SECRET);
    logger.info('fetched', { value: SHAPELESS_SECRET });
    expect(output.join('')).not.toContain(SHAPELESS_SECRET);
    expect(logger.secrets).toBe(secrets);
  });

  it("keeps an attribute named like one of Powertools' own keys, under another name", () => {
    const logger = createLogger({ serviceName: 'report-creator' });
    logger.error('report config is invalid and left out', {
      reportConfigId: 'broken',
      message: 'windowDays must be positive',
      level: 'lane',
    });
    expect(entries()).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'report config is invalid and left out',
        service: 'report-creator',
        reportConfigId: 'broken',
        messageAttribute: 'windowDays must be positive',
        levelAttribute: 'lane',
      }),
    ]);
  });

  it('respects the log level', () => {
    const logger = createLogger({ serviceName: 'quiet', logLevel: 'WARN' });
    logger.info('dropped');
    logger.warn('kept');
    expect(entries().map((entry) => entry['message'])).toEqual(['kept']);
  });
});
