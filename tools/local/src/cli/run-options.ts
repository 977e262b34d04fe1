import { parseArgs } from 'node:util';
import { type FaultProfile, faultProfile } from '../config/fault-profiles';

/** `npm start` options. */
export interface RunOptions {
  readonly days: number;
  readonly partners: readonly string[];
  readonly faults: FaultProfile;
  readonly real: boolean;
  readonly lakeDir: string;
  readonly seed?: number;
  readonly startTime?: number;
  readonly help: boolean;
}

/** Usage text of `npm start`. */
export const RUN_USAGE = `Usage: npm start -- [options]

Runs the whole pipeline offline: the SP-API simulator, the real state machines and handlers over
local adapters, the lake under .lake/, a DuckDB catalog and .lake/summary.html.

Options:
  --days N             days of history the first run backfills (default 7)
  --partners <list>    comma-separated: na-seller, eu-seller, vendor or selling partner ids (default all)
  --faults <profile>   none | chaos (30 % 429s, 5xx, connection resets mid-document, duplicate and
                       reordered notifications, expired access tokens)
  --real               real SP-API and AWS settings from the environment instead of the simulator
                       and local stores (see tools/local/README.md)
  --lake-dir <dir>     where the lake goes (default .lake)
  --seed N             simulator seed of a new lake (default 1)
  --start-time <iso>   simulated time of the run (default: now)
  --help`;

/** Parses `npm start` arguments; throws a message naming the bad option. */
export function parseRunOptions(argv: readonly string[]): RunOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      days: { type: 'string', default: '7' },
      partners: { type: 'string', default: '' },
      faults: { type: 'string', default: 'none' },
      real: { type: 'boolean', default: false },
      'lake-dir': { type: 'string', default: '.lake' },
      seed: { type: 'string' },
      'start-time': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 90) {
    throw new Error('--days must be a whole number from 1 to 90 (SP-API keeps reports 90 days)');
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed))
    throw new Error('--seed must be a whole number');
  const startTime =
    values['start-time'] === undefined ? undefined : Date.parse(values['start-time']);
  if (startTime !== undefined && Number.isNaN(startTime)) {
    throw new Error('--start-time must be an ISO 8601 date-time');
  }
  return {
    days,
    partners: values.partners
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    faults: faultProfile(values.faults),
    real: values.real,
    lakeDir: values['lake-dir'],
    ...(seed === undefined ? {} : { seed }),
    ...(startTime === undefined ? {} : { startTime }),
    help: values.help,
  };
}
