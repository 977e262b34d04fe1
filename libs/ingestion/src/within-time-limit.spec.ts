import { ObjectStoreUnavailableError } from '@spapi-lake/lake';
import { CurationOutOfTimeError } from './errors';
import { withinTimeLimit } from './within-time-limit';

describe('withinTimeLimit', () => {
  it('gives the work its result when there is no limit, or the limit never comes', async () => {
    await expect(
      withinTimeLimit(Promise.resolve(1), undefined, 'r', () => undefined),
    ).resolves.toBe(1);
    const limit = new AbortController();
    await expect(
      withinTimeLimit(Promise.resolve(2), limit.signal, 'r', () => undefined),
    ).resolves.toBe(2);
  });

  it('stops the work when the limit comes, waits for it, and says it ran out of time', async () => {
    const limit = new AbortController();
    let fail: (error: Error) => void = () => undefined;
    const work = new Promise<number>((_, reject) => (fail = reject));
    const stopped: Error[] = [];
    const result = withinTimeLimit(work, limit.signal, 'r-1', (reason) => {
      stopped.push(reason);
      // Cutting the input fails the work, with an error of its own.
      fail(new Error('input destroyed'));
    });
    limit.abort();

    await expect(result).rejects.toBeInstanceOf(CurationOutOfTimeError);
    await expect(result).rejects.toThrow('report r-1');
    expect(stopped).toHaveLength(1);
  });

  it('keeps the result of work that still succeeds once stopped: its input was all read', async () => {
    const limit = new AbortController();
    let finish: (value: string) => void = () => undefined;
    const work = new Promise<string>((resolve) => (finish = resolve));
    const result = withinTimeLimit(work, limit.signal, 'r', () => finish('landed'));
    limit.abort();

    await expect(result).resolves.toBe('landed');
  });

  it("throws the store's own error when the store failed the work meanwhile", async () => {
    const limit = new AbortController();
    let fail: (error: Error) => void = () => undefined;
    const work = new Promise<number>((_, reject) => (fail = reject));
    const refused = new ObjectStoreUnavailableError('the upload was refused');
    const result = withinTimeLimit(work, limit.signal, 'r', () => fail(refused));
    limit.abort();

    await expect(result).rejects.toBe(refused);
  });
});
