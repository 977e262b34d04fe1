import path from 'node:path';
import type { RunOptions } from './cli/run-options';
import { type LakeSummary, summarizeLake } from './lake/lake-summary';
import { type SimulatedRunResult, runSimulatedPipeline } from './pipeline/run-simulated-pipeline';
import { RunProgress } from './pipeline/run-progress';
import { runRealPipeline } from './pipeline/run-real-pipeline';

/** What `npm start` did. */
export interface LocalRun {
  readonly summary: LakeSummary;
  readonly simulated?: SimulatedRunResult;
  readonly succeeded: boolean;
}

/**
 * One `npm start`: the pipeline (on the simulator, or with `--real` on Amazon and AWS), then the
 * catalog, `summary.json` and `summary.html` of the lake.
 */
export async function runLocal(
  options: Omit<RunOptions, 'help'>,
  progress: RunProgress = new RunProgress(),
): Promise<LocalRun> {
  const started = Date.now();
  if (options.real) {
    const real = await runRealPipeline({ ...options, progress });
    return { summary: real.summary, succeeded: real.succeeded };
  }
  const simulated = await runSimulatedPipeline({
    lakeDir: options.lakeDir,
    days: options.days,
    partners: options.partners,
    faults: options.faults,
    progress,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.startTime === undefined ? {} : { startTime: options.startTime }),
  });
  const summary = await summarizeLake(simulated.paths, {
    mode: 'simulator',
    faultProfile: options.faults.name,
    partners: simulated.partners.map((p) => ({
      alias: p.alias,
      sellingPartnerId: p.sellingPartnerId,
    })),
    simulatedStart: new Date(simulated.simulatedStart).toISOString(),
    simulatedEnd: new Date(simulated.simulatedEnd).toISOString(),
    wallSeconds: (Date.now() - started) / 1000,
    status: simulated.fanOut.status,
    counters: { ...progress.counters },
  });
  const succeeded =
    simulated.fanOut.status === 'SUCCEEDED' &&
    progress.counters.executionsFailed === 0 &&
    simulated.catalogRefreshes.every((refresh) => refresh.status === 'SUCCEEDED');
  return { summary, simulated, succeeded };
}

/** The log file of a run started at `startedAt`. */
export function runLogFile(lakeDir: string, startedAt: number): string {
  return path.join(
    lakeDir,
    'logs',
    `run-${new Date(startedAt).toISOString().replaceAll(':', '-')}.jsonl`,
  );
}
