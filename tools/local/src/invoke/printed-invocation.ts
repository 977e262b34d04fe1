/** An invocation as the invoke CLI prints it without `--json`. */
export interface PrintedInvocation {
  readonly app: string;
  readonly handler: string;
  readonly event: string;
  readonly ok: boolean;
  readonly result: Record<string, unknown>;
  readonly logs: readonly Record<string, unknown>[];
}

const HEADER = /^== ([\w-]+)\.(\w+) <- (\S+)$/;
const LOGS = /^== logs \((\d+)\)$/;

/**
 * Reads the invoke CLI's printed sections (`== <app>.<handler> <- <event>`, `== logs (n)` with one
 * JSON entry a line, `== result` or `== error` with the indented JSON) out of `output`, which may
 * hold other lines around them (Nx's). Undefined when the sections are not all there.
 */
export function parsePrintedInvocation(output: string): PrintedInvocation | undefined {
  const lines = output.split(/\r?\n/);
  const start = lines.findIndex((line) => HEADER.test(line));
  const header = HEADER.exec(lines[start] ?? '');
  const count = LOGS.exec(lines[start + 1] ?? '');
  if (header === null || count === null) return undefined;
  const logCount = Number(count[1]);
  const logs = lines
    .slice(start + 2, start + 2 + logCount)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const outcomeAt = start + 2 + logCount;
  const outcome = lines[outcomeAt];
  if (outcome !== '== result' && outcome !== '== error') return undefined;
  // The result is printed with two-space indentation: it ends at the first unindented line.
  const end = lines.findIndex((line, index) => index > outcomeAt && /^[}\]]/.test(line));
  if (end === -1) return undefined;
  const result = JSON.parse(lines.slice(outcomeAt + 1, end + 1).join('\n')) as Record<
    string,
    unknown
  >;
  return {
    app: header[1] ?? '',
    handler: header[2] ?? '',
    event: header[3] ?? '',
    ok: outcome === '== result',
    result,
    logs,
  };
}
