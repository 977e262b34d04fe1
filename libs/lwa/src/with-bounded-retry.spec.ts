import { LwaInvalidGrantError, LwaUnavailableError } from './errors';
import { ManualClock } from './test/manual-clock';
import { withBoundedRetry } from './with-bounded-retry';

describe('withBoundedRetry', () => {
  const policy = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 1_500 };

  it('caps the exponential backoff at maxDelayMs', async () => {
    const clock = new ManualClock();
    const operation = jest.fn(async () => {
      throw new LwaUnavailableError('down');
    });

    await expect(
      withBoundedRetry(operation, policy, { clock, random: () => 1 }),
    ).rejects.toBeInstanceOf(LwaUnavailableError);
    expect(operation).toHaveBeenCalledTimes(4);
    expect(clock.sleeps).toEqual([1_000, 1_500, 1_500]);
  });

  it('scales each delay by the random jitter', async () => {
    const clock = new ManualClock();
    const jitter = [0.1, 0.9];
    let attempt = 0;

    const result = await withBoundedRetry(
      async () => {
        attempt += 1;
        if (attempt < 3) throw new LwaUnavailableError('down');
        return 'ok';
      },
      policy,
      { clock, random: () => jitter.shift() ?? 0 },
    );

    expect(result).toBe('ok');
    expect(clock.sleeps).toEqual([100, 1_350]);
  });

  it('rethrows a non-retryable failure at once', async () => {
    const clock = new ManualClock();
    const operation = jest.fn(async () => {
      throw new LwaInvalidGrantError('revoked');
    });

    await expect(
      withBoundedRetry(operation, policy, { clock, random: () => 0.5 }),
    ).rejects.toBeInstanceOf(LwaInvalidGrantError);
    expect(operation).toHaveBeenCalledTimes(1);
    expect(clock.sleeps).toEqual([]);
  });
});
