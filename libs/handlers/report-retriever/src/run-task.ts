import type { RetrieverLogger } from './report-retriever-dependencies';

/**
 * Runs one task invocation with its correlation keys on every log entry; logs a failure once, here,
 * and rethrows it unchanged: Step Functions matches Retry and Catch on the error's name.
 */
export async function runTask<T>(
  logger: RetrieverLogger,
  keys: Readonly<Record<string, string | undefined>>,
  action: () => Promise<T>,
): Promise<T> {
  logger.appendKeys(Object.fromEntries(Object.entries(keys).filter(([, v]) => v !== undefined)));
  try {
    return await action();
  } catch (error) {
    logger.error('task failed', { error });
    throw error;
  } finally {
    logger.resetKeys();
  }
}
