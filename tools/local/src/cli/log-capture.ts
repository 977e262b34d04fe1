import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** Output redirected while a run works. */
export interface LogCapture {
  /** Writes to the terminal (the real stdout), bypassing the capture. */
  print(text: string): void;
  /** Lines captured so far (when kept in memory). */
  lines(): readonly string[];
  restore(): void;
}

type Write = typeof process.stdout.write;

/**
 * Sends what the handlers' Powertools loggers write to stdout and stderr (one JSON entry per line)
 * to `file` (or keeps it in memory), so the terminal shows progress only. Powertools' Console
 * holds the process streams, so their `write` is what gets replaced.
 */
export function captureLogs(file?: string): LogCapture {
  const kept: string[] = [];
  const stdoutWrite = process.stdout.write.bind(process.stdout) as Write;
  const originals = { stdout: process.stdout.write, stderr: process.stderr.write };
  if (file !== undefined) mkdirSync(path.dirname(file), { recursive: true });
  const sink = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (file === undefined) kept.push(...text.split('\n').filter((line) => line !== ''));
    else appendFileSync(file, text);
    const callback = rest.find((arg) => typeof arg === 'function');
    if (typeof callback === 'function') callback();
    return true;
  }) as Write;
  process.stdout.write = sink;
  process.stderr.write = sink;
  return {
    print: (text) => {
      stdoutWrite(text);
    },
    lines: () => kept,
    restore: () => {
      process.stdout.write = originals.stdout;
      process.stderr.write = originals.stderr;
    },
  };
}
