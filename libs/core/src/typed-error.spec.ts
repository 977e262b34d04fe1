import { TypedError, isRetryable } from './typed-error';

class SampleRetryableError extends TypedError {
  override readonly name = 'SampleRetryableError';
  readonly retryable = true;
}

describe('isRetryable', () => {
  it('reads the retryable flag of typed errors', () => {
    expect(isRetryable(new SampleRetryableError('busy'))).toBe(true);
  });

  it('treats foreign errors as not retryable', () => {
    expect(isRetryable(new Error('boom'))).toBe(false);
    expect(isRetryable('boom')).toBe(false);
  });

  it('keeps the cause and the stable name', () => {
    const cause = new Error('root');
    const error = new SampleRetryableError('busy', { cause });
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('SampleRetryableError');
    expect(error).toBeInstanceOf(Error);
  });
});
