import type { HandlerLogger } from '../handler-logger';

/** One entry a handler logged. */
export interface LoggedEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: unknown;
  readonly attributes: readonly unknown[];
}

/** A HandlerLogger that keeps what it is given. */
export class RecordingLogger implements HandlerLogger {
  readonly entries: LoggedEntry[] = [];

  info(message: unknown, ...attributes: unknown[]): void {
    this.entries.push({ level: 'info', message, attributes });
  }

  warn(message: unknown, ...attributes: unknown[]): void {
    this.entries.push({ level: 'warn', message, attributes });
  }

  error(message: unknown, ...attributes: unknown[]): void {
    this.entries.push({ level: 'error', message, attributes });
  }
}
