import { ObjectStoreUnavailableError } from '@spapi-lake/lake';
import { CurationOutOfTimeError } from './errors';
import { isStoreError } from './is-store-error';

/**
 * `work`'s result, unless `timeLimit` aborts first: then `stop` cuts the work's input and the work
 * is awaited until it has settled (its uploads aborted, its files known). Work that still succeeds
 * (its input was all read: only its last uploads were left) keeps its result; work the store
 * failed throws the store's error; otherwise CurationOutOfTimeError is thrown.
 */
export async function withinTimeLimit<T>(
  work: Promise<T>,
  timeLimit: AbortSignal | undefined,
  reportId: string,
  stop: (reason: Error) => void,
): Promise<T> {
  if (timeLimit === undefined) return work;
  const outOfTime = new CurationOutOfTimeError(reportId);
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(outOfTime);
    if (timeLimit.aborted) onAbort();
    else timeLimit.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } catch (error) {
    if (error !== outOfTime) throw error;
    stop(outOfTime);
    const settled = await work.then(
      (value) => ({ value }),
      (failure: unknown) => ({ failure }),
    );
    if ('value' in settled) return settled.value;
    // The store failed on its own (an upload refused): that is the error, not the document's size.
    const failure = settled.failure;
    if (isStoreError(failure) || failure instanceof ObjectStoreUnavailableError) throw failure;
    throw error;
  } finally {
    timeLimit.removeEventListener('abort', onAbort);
    aborted.catch(() => undefined);
  }
}
