import { systemClock } from '@spapi-lake/core';
import { LocalExecutions } from '../engine/local-executions';
import { type LakeSummary, summarizeLake } from '../lake/lake-summary';
import { lakePaths } from './lake-paths';
import { createLocalWorkflows } from './local-workflows';
import { openRealEnvironment } from './real-environment';
import type { RunProgress } from './run-progress';

/** Options of {@link runRealPipeline}. */
export interface RealRunOptions {
  readonly lakeDir: string;
  readonly days: number;
  readonly partners: readonly string[];
  readonly progress: RunProgress;
  readonly environment?: NodeJS.ProcessEnv;
}

/**
 * `npm start -- --real`: the same state machines and handlers against Amazon's SP-API and LWA
 * with your application's credentials (see `openRealEnvironment`), in real time: Wait states and
 * Retry pauses take their real duration, and accounts poll for report status.
 */
export async function runRealPipeline(
  options: RealRunOptions,
): Promise<{ readonly summary: LakeSummary; readonly succeeded: boolean }> {
  const started = Date.now();
  const paths = lakePaths(options.lakeDir);
  const environment = await openRealEnvironment({
    paths,
    days: options.days,
    partners: options.partners,
    ...(options.environment === undefined ? {} : { environment: options.environment }),
  });
  const workflows = createLocalWorkflows({
    functions: environment.functions,
    clock: systemClock,
    simulatedTime: false,
    executions: new LocalExecutions(paths.executions, () => Date.now()),
    progress: options.progress,
    crawled: new Set(),
  });
  const fanOut = await workflows.runFanOut({
    scheduledTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    sellingPartnerIds: environment.accounts.map((account) => account.sellingPartnerId),
  });
  // DuckDB reads local files only (httpfs cannot be installed offline): an S3 lake is summarised
  // from what is local (nothing), and queried with Athena instead.
  const summary = await summarizeLake(paths, {
    mode: 'real',
    faultProfile: 'none',
    partners: environment.accounts.map((account) => ({
      alias: account.displayName ?? account.sellingPartnerId,
      sellingPartnerId: account.sellingPartnerId,
    })),
    wallSeconds: (Date.now() - started) / 1000,
    status: fanOut.status,
    counters: { ...options.progress.counters },
  });
  return {
    summary,
    succeeded: fanOut.status === 'SUCCEEDED' && options.progress.counters.executionsFailed === 0,
  };
}
