import path from 'node:path';

/** Where a local run keeps everything, under one folder (`.lake/` by default). */
export interface LakePaths {
  readonly root: string;
  /** Raw zone: `reports/<REPORT_TYPE>/...` exactly as received. */
  readonly raw: string;
  /** Curated zone: Parquet datasets, `_quarantine/`, `_manifests/`, `_ledger/`. */
  readonly curated: string;
  /** The local parameter store: `<name>.json` per SSM parameter under the prefix. */
  readonly config: string;
  readonly state: string;
  readonly reportCreatorState: string;
  readonly notificationSubscriberState: string;
  readonly tokenBrokerState: string;
  readonly executions: string;
  readonly runnerState: string;
  readonly logs: string;
  readonly catalog: string;
  readonly summaryHtml: string;
  readonly summaryJson: string;
  parameterFile(name: string): string;
}

/** The layout of a local lake folder. */
export function lakePaths(root: string): LakePaths {
  const absolute = path.resolve(root);
  const state = path.join(absolute, 'state');
  const config = path.join(absolute, 'config');
  return {
    root: absolute,
    raw: path.join(absolute, 'raw'),
    curated: path.join(absolute, 'curated'),
    config,
    state,
    reportCreatorState: path.join(state, 'report-creator'),
    notificationSubscriberState: path.join(state, 'notification-subscriber'),
    tokenBrokerState: path.join(state, 'token-broker'),
    executions: path.join(state, 'executions.json'),
    runnerState: path.join(state, 'runner.json'),
    logs: path.join(absolute, 'logs'),
    catalog: path.join(absolute, 'catalog.duckdb'),
    summaryHtml: path.join(absolute, 'summary.html'),
    summaryJson: path.join(absolute, 'summary.json'),
    parameterFile: (name) => path.join(config, `${name}.json`),
  };
}
