import { formatFaultsMet } from './cli/faults-met-text';
import { captureLogs } from './cli/log-capture';
import { progressPrinter } from './cli/progress-printer';
import { RUN_USAGE, parseRunOptions } from './cli/run-options';
import { lakePaths } from './pipeline/lake-paths';
import { RunProgress } from './pipeline/run-progress';
import { renderSummaryText } from './lake/summary-text';
import { runLocal, runLogFile } from './run-local';

// `npm start`: the whole pipeline offline (or with --real), then what landed in the lake.
async function main(): Promise<void> {
  const options = parseRunOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${RUN_USAGE}\n`);
    return;
  }
  const logFile = runLogFile(options.lakeDir, Date.now());
  const logs = captureLogs(logFile);
  const printer = progressPrinter(logs.print, process.stdout.isTTY === true);
  const progress = new RunProgress();
  progress.onChange((counters) => printer.update(counters));
  logs.print(
    `spapi-lake: ${options.real ? 'real SP-API and AWS' : 'simulator'}, ${options.days} days, ` +
      `partners ${options.partners.length === 0 ? 'all' : options.partners.join(',')}, faults ${options.faults.name}\n`,
  );
  try {
    const run = await runLocal(options, progress);
    printer.done(progress.counters);
    logs.print(renderSummaryText(run.summary, lakePaths(options.lakeDir)));
    if (run.simulated !== undefined && options.faults.name !== 'none') {
      logs.print(`${formatFaultsMet(run.simulated.faultsMet)}\n`);
    }
    logs.print(`Logs: ${logFile}\n`);
    if (!run.succeeded) {
      logs.print('Some windows did not complete: see the logs and .lake/state/executions.json.\n');
      process.exitCode = 1;
    }
  } finally {
    logs.restore();
  }
}

main().catch((error: unknown) => {
  // The message names what to fix; DEBUG=1 adds the stack.
  const detail =
    error instanceof Error ? (process.env['DEBUG'] === '1' ? error.stack : error.message) : error;
  process.stderr.write(`npm start failed: ${String(detail)}\n`);
  process.exitCode = 1;
});
