import type { LogItemExtraInput, LogItemMessage } from '@aws-lambda-powertools/logger/types';
import type { FetcherLogger } from './catalog-fetcher-dependencies';

/** One entry a {@link RecordingFetcherLogger} received. */
export interface RecordedLog {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly keys: Readonly<Record<string, unknown>>;
  readonly extra: readonly unknown[];
}

/** A logger that keeps every entry with the keys appended at the time (tests, local summaries). */
export class RecordingFetcherLogger implements FetcherLogger {
  readonly entries: RecordedLog[] = [];
  private keys: Record<string, unknown> = {};

  info(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    this.record('info', input, extra);
  }

  warn(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    this.record('warn', input, extra);
  }

  error(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    this.record('error', input, extra);
  }

  appendKeys(attributes: Record<string, unknown>): void {
    this.keys = { ...this.keys, ...attributes };
  }

  resetKeys(): void {
    this.keys = {};
  }

  /** Messages logged at `level`. */
  messages(level: RecordedLog['level']): string[] {
    return this.entries.filter((entry) => entry.level === level).map((entry) => entry.message);
  }

  private record(level: RecordedLog['level'], input: LogItemMessage, extra: unknown[]): void {
    const message = typeof input === 'string' ? input : input.message;
    this.entries.push({ level, message, keys: { ...this.keys }, extra });
  }
}
