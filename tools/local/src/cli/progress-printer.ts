import { type ProgressCounters, formatProgress } from '../pipeline/run-progress';

/**
 * Shows progress on one line rewritten in place on a terminal, or as a line every few seconds
 * when the output is a file or a CI log.
 */
export function progressPrinter(
  print: (text: string) => void,
  interactive: boolean,
): { update(counters: ProgressCounters): void; done(counters: ProgressCounters): void } {
  let last = 0;
  const every = interactive ? 200 : 5_000;
  return {
    update(counters) {
      const now = Date.now();
      if (now - last < every) return;
      last = now;
      print(interactive ? `\r\x1b[2K${formatProgress(counters)}` : `${formatProgress(counters)}\n`);
    },
    done(counters) {
      print(
        interactive ? `\r\x1b[2K${formatProgress(counters)}\n` : `${formatProgress(counters)}\n`,
      );
    },
  };
}
