import path from 'node:path';
import { EVENT_FILE_ALIASES } from './local-apps';

/**
 * The handler of `app` an event file is for: `--handler` when given, else the handler whose
 * kebab-case name (or alias) starts the file name (`create-report-seller-orders.json` ->
 * `createReport`), else the only handler of a single-handler app. Throws listing the choices.
 */
export function selectHandler(
  app: string,
  handlers: readonly string[],
  eventFile: string,
  explicit?: string,
): string {
  if (explicit !== undefined) {
    if (!handlers.includes(explicit)) {
      throw new Error(`${app} has no handler ${explicit}: ${handlers.join(', ')}`);
    }
    return explicit;
  }
  if (handlers.length === 1 && handlers[0] !== undefined) return handlers[0];
  const base = path.basename(eventFile, '.json');
  const prefixes = [
    ...handlers.map((name) => [kebab(name), name] as const),
    ...Object.entries(EVENT_FILE_ALIASES[app] ?? {}),
  ].sort(([a], [b]) => b.length - a.length);
  const match = prefixes.find(([prefix]) => base === prefix || base.startsWith(`${prefix}-`));
  if (match === undefined) {
    throw new Error(
      `cannot tell which ${app} handler ${path.basename(eventFile)} is for: add --handler=<${handlers.join('|')}>`,
    );
  }
  return match[1];
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
