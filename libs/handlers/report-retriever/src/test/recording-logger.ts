import type { LogItemExtraInput, LogItemMessage } from '@aws-lambda-powertools/logger/types';
import type { RetrieverLogger } from '../report-retriever-dependencies';

/** One entry a {@link RecordingLogger} received. */
export interface RecordedLog {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly keys: Readonly<Record<string, unknown>>;
  readonly extra: readonly unknown[];
}

/** A logger double that keeps every entry, with the keys appended at the time. */
export class RecordingLogger implements RetrieverLogger {
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

  private record(level: RecordedLog['level'], input: LogItemMessage, extra: unknown[]): void {
    const message = typeof input === 'string' ? input : input.message;
    this.entries.push({ level, message, keys: { ...this.keys }, extra });
  }
}
