import { readFile } from 'node:fs/promises';
import { redact } from '@spapi-lake/observability';
import { captureLogs } from '../cli/log-capture';
import { lakePaths } from '../pipeline/lake-paths';
import { openRealEnvironment } from '../pipeline/real-environment';
import { openSimulatedEnvironment } from '../pipeline/simulated-environment';
import { eventPartners } from './event-partners';
import { localAppHandlers } from './local-apps';
import { selectHandler } from './select-handler';

/** Options of {@link invokeFunction}. */
export interface InvokeOptions {
  /** The app (Nx project) whose handler runs. */
  readonly app: string;
  readonly eventFile: string;
  /** Which exported handler (`main.<name>`); inferred from the event file name when absent. */
  readonly handler?: string;
  readonly lakeDir: string;
  /** Amazon's SP-API and your AWS settings from the environment instead of the simulator. */
  readonly real?: boolean;
}

/** What one invocation did. */
export interface Invocation {
  readonly app: string;
  readonly handler: string;
  readonly ok: boolean;
  /** The handler's result (ok), or the error's name and message; tokens and secrets redacted. */
  readonly result: unknown;
  /** The structured log entries the handler wrote. */
  readonly logs: readonly unknown[];
}

/**
 * The local counterpart of invoking one deployed Lambda function: starts the simulator on the
 * lake's world (registering the partners the event names), builds the app's handlers over the
 * local adapters and the lake, runs the one handler with the event, and returns its result and logs.
 */
export async function invokeFunction(options: InvokeOptions): Promise<Invocation> {
  const event: unknown = JSON.parse(await readFile(options.eventFile, 'utf8'));
  const paths = lakePaths(options.lakeDir);
  const environment =
    options.real === true
      ? {
          ...(await openRealEnvironment({ paths, days: 7, partners: [] })),
          close: () => Promise.resolve(),
        }
      : await openSimulatedEnvironment({
          paths,
          days: 7,
          extraPartners: eventPartners(event),
          keepReportConfigs: true,
        });
  try {
    const apps = localAppHandlers(environment.functions);
    const handlers = apps[options.app];
    if (handlers === undefined) {
      throw new Error(`no app ${options.app}: ${Object.keys(apps).join(', ')}`);
    }
    const name = selectHandler(
      options.app,
      Object.keys(handlers),
      options.eventFile,
      options.handler,
    );
    const handler = handlers[name];
    if (handler === undefined) throw new Error(`${options.app} has no handler ${name}`);
    // A simulated world moves on while the handler waits (report lifecycles, notifications).
    const ticker =
      'sim' in environment
        ? setInterval(() => environment.sim.clock.advance(1_000), 10)
        : undefined;
    const logs = captureLogs();
    let ok = true;
    let result: unknown;
    try {
      result = await handler(event);
    } catch (error) {
      ok = false;
      result = {
        errorType: error instanceof Error ? error.name : 'Error',
        errorMessage: error instanceof Error ? error.message : String(error),
      };
    } finally {
      logs.restore();
      if (ticker !== undefined) clearInterval(ticker);
    }
    return {
      app: options.app,
      handler: name,
      ok,
      result: redact(result),
      logs: logs.lines().map(parseLine),
    };
  } finally {
    await environment.close();
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return line;
  }
}
