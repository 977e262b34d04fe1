import {
  SpApiAccessDeniedError,
  SpApiInvalidInputError,
  SpApiNetworkError,
  SpApiNotFoundError,
  SpApiQuotaExceededError,
  SpApiServerError,
} from './errors';
import { createRetryPolicy, isTransientNetworkFailure } from './retry-policy';

const response = (status: number) => ({
  operationId: 'getReport',
  status,
  requestId: 'req-1',
  errors: [],
});

describe('createRetryPolicy', () => {
  const policy = createRetryPolicy({
    maxAttempts: 4,
    baseDelayMs: 1000,
    maxDelayMs: 5000,
    random: () => 0.5,
  });

  it('backs off exponentially with full jitter under a cap', () => {
    const error = new SpApiServerError(response(500));
    const delays = [1, 2, 3].map((attempt) => policy.nextDelayMs({ attempt, error, rate: 2 }));
    expect(delays).toEqual([500, 1000, 2000]);

    const capped = createRetryPolicy({
      maxAttempts: 10,
      baseDelayMs: 1000,
      maxDelayMs: 5000,
      random: () => 0.999,
    });
    expect(capped.nextDelayMs({ attempt: 8, error, rate: 2 })).toBe(4995);
  });

  it('draws the delay from the injected random source', () => {
    const error = new SpApiServerError(response(503));
    const low = createRetryPolicy({ random: () => 0 });
    const high = createRetryPolicy({ random: () => 0.75 });
    expect(low.nextDelayMs({ attempt: 3, error, rate: 2 })).toBe(0);
    expect(high.nextDelayMs({ attempt: 3, error, rate: 2 })).toBe(3000);
  });

  it('gives up after maxAttempts', () => {
    const error = new SpApiServerError(response(500));
    expect(policy.nextDelayMs({ attempt: 3, error, rate: 2 })).not.toBeNull();
    expect(policy.nextDelayMs({ attempt: 4, error, rate: 2 })).toBeNull();
  });

  it('retries 429, 5xx and transient network failures only', () => {
    const retryable = [
      new SpApiQuotaExceededError(response(429)),
      new SpApiServerError(response(500)),
      new SpApiServerError(response(503)),
      new SpApiNetworkError('getReport', { cause: new Error('x'), retryable: true }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    ];
    const final = [
      new SpApiInvalidInputError(response(400)),
      new SpApiAccessDeniedError(response(403)),
      new SpApiNotFoundError(response(404)),
      new SpApiNetworkError('getReport', { cause: new Error('x'), retryable: false }),
      new Error('boom'),
    ];
    for (const error of retryable) {
      expect(policy.nextDelayMs({ attempt: 1, error, rate: 2 })).not.toBeNull();
    }
    for (const error of final) {
      expect(policy.nextDelayMs({ attempt: 1, error, rate: 2 })).toBeNull();
    }
  });

  it('retries an operation that is not idempotent only after a 429 or when nothing was sent', () => {
    const retried = [
      new SpApiQuotaExceededError(response(429)),
      new SpApiNetworkError('createReport', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        retryable: true,
      }),
    ];
    const final = [
      new SpApiServerError(response(500)),
      new SpApiServerError(response(503)),
      new SpApiNetworkError('createReport', {
        cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
        retryable: true,
      }),
    ];
    for (const error of retried) {
      expect(policy.nextDelayMs({ attempt: 1, error, rate: 2, idempotent: false })).not.toBeNull();
    }
    for (const error of final) {
      expect(policy.nextDelayMs({ attempt: 1, error, rate: 2, idempotent: false })).toBeNull();
      expect(policy.nextDelayMs({ attempt: 1, error, rate: 2 })).not.toBeNull();
    }
  });

  it('waits at least one refill interval of the operation after a 429', () => {
    const error = new SpApiQuotaExceededError(response(429));
    expect(policy.nextDelayMs({ attempt: 1, error, rate: 0.0167 })).toBe(59_881);
    expect(policy.nextDelayMs({ attempt: 1, error, rate: 100 })).toBe(500);
  });
});

describe('isTransientNetworkFailure', () => {
  it('recognises resets, hang-ups, undici fetch failures and timeouts', () => {
    expect(isTransientNetworkFailure(new TypeError('fetch failed'))).toBe(true);
    expect(isTransientNetworkFailure(new Error('socket hang up'))).toBe(true);
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(isTransientNetworkFailure(new Error('wrapped', { cause: reset }))).toBe(true);
    expect(isTransientNetworkFailure(new DOMException('timed out', 'TimeoutError'))).toBe(true);
  });

  it('does not treat programming errors as network failures', () => {
    expect(isTransientNetworkFailure(new TypeError('Invalid URL'))).toBe(false);
    expect(isTransientNetworkFailure('ECONNRESET')).toBe(false);
  });
});
