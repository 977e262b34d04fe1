/**
 * Runs `worker` over `items` with at most `limit` calls in flight and hands each result to
 * `consume` in item order (so files come out the same whatever the timing). The first failure
 * stops new calls and is rethrown once the calls in flight have settled.
 */
export async function mapInOrder<T, R>(
  items: readonly T[],
  limit: number,
  worker: (item: T, index: number) => Promise<R>,
  consume: (result: R, index: number) => Promise<void>,
): Promise<void> {
  const pending: Promise<R>[] = [];
  let launched = 0;
  const launch = (): void => {
    if (launched >= items.length) return;
    const index = launched;
    launched += 1;
    const call = worker(items[index] as T, index);
    // Observed here so a failure that is not awaited yet is never an unhandled rejection.
    call.catch(() => undefined);
    pending[index] = call;
  };
  for (let slot = 0; slot < Math.max(1, limit); slot += 1) launch();
  try {
    for (let index = 0; index < items.length; index += 1) {
      const result = await (pending[index] as Promise<R>);
      launch();
      await consume(result, index);
    }
  } catch (error) {
    await Promise.allSettled(pending);
    throw error;
  }
}
