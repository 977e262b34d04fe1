import { Logger } from '@aws-lambda-powertools/logger';
import type {
  ConstructorOptions,
  LogAttributes,
  LogItemExtraInput,
  LogItemMessage,
  LogLevel,
} from '@aws-lambda-powertools/logger/types';
import { createRedactingJsonReplacer } from './redacting-json-replacer';
import { RedactingLogFormatter } from './redacting-log-formatter';
import { SecretRegistry } from './secret-registry';

/** Powertools Logger options, minus the formatting hooks redaction owns, plus a secret registry. */
export interface RedactingLoggerOptions {
  readonly serviceName?: string;
  readonly logLevel?: LogLevel;
  readonly environment?: string;
  /** Debug sampling rate, 0..1. */
  readonly sampleRateValue?: number;
  /** Keys added to every entry. */
  readonly persistentKeys?: LogAttributes;
  readonly logBufferOptions?: ConstructorOptions['logBufferOptions'];
  readonly correlationIdSearchFn?: ConstructorOptions['correlationIdSearchFn'];
  /** Registry of run-time secret values; share it with the code that fetches secrets. */
  readonly secrets?: SecretRegistry;
}

/**
 * A Powertools Logger whose every entry is redacted (message, attributes, persistent keys, extra
 * arguments, errors and their causes). Children made with `createChild` share the registry.
 */
export class RedactingLogger extends Logger {
  /** The values this logger (and its children) replace wherever they appear. */
  readonly secrets: SecretRegistry;

  constructor(options: RedactingLoggerOptions = {}) {
    const secrets = options.secrets ?? new SecretRegistry();
    super({
      serviceName: options.serviceName,
      logLevel: options.logLevel,
      environment: options.environment,
      sampleRateValue: options.sampleRateValue,
      persistentKeys: options.persistentKeys,
      logBufferOptions: options.logBufferOptions,
      correlationIdSearchFn: options.correlationIdSearchFn,
      logFormatter: new RedactingLogFormatter(secrets),
      jsonReplacerFn: createRedactingJsonReplacer(secrets),
    });
    this.secrets = secrets;
  }

  /** Replaces `value` (a secret with no recognisable shape) in every later log entry. */
  registerSecretValue(value: string): void {
    this.secrets.register(value);
  }

  /** Replaces each of `values` in every later log entry. */
  registerSecretValues(values: Iterable<string>): void {
    this.secrets.registerAll(values);
  }

  // Powertools drops an attribute named like one of its own keys (`message`, `level`...) with only
  // a warning: `{ message: error.message }` would lose the reason. Kept under another name.
  protected override processLogItem(
    logLevel: number,
    input: LogItemMessage,
    extraInput: LogItemExtraInput,
  ): void {
    // The same shape: one error or string, or attribute objects, each only renamed.
    super.processLogItem(logLevel, input, extraInput.map(withoutReservedKeys) as LogItemExtraInput);
  }

  // Powertools' createChild() builds children through this factory: keep them redacting.
  protected override createLogger(options: ConstructorOptions = {}): RedactingLogger {
    return new RedactingLogger({
      serviceName: options.serviceName,
      logLevel: options.logLevel,
      environment: options.environment,
      sampleRateValue: options.sampleRateValue,
      persistentKeys: options.persistentKeys ?? options.persistentLogAttributes,
      logBufferOptions: options.logBufferOptions,
      correlationIdSearchFn: options.correlationIdSearchFn,
      secrets: this.secrets,
    });
  }
}

/** Options of {@link createLogger}: one logger per app, `serviceName` = the app's name. */
export type CreateLoggerOptions = RedactingLoggerOptions & { readonly serviceName: string };

/** Creates the app's Powertools Logger with redaction built in. */
export function createLogger(options: CreateLoggerOptions): RedactingLogger {
  return new RedactingLogger(options);
}

/** Keys Powertools owns in every entry (its `ReservedKeys`); an attribute may not use them. */
const RESERVED_KEYS: ReadonlySet<string> = new Set([
  'level',
  'message',
  'sampling_rate',
  'service',
  'timestamp',
]);

// `{ message: 'x' }` becomes `{ messageAttribute: 'x' }`; errors, strings and other objects pass.
function withoutReservedKeys(item: Error | string | LogAttributes): Error | string | LogAttributes {
  if (item === null || typeof item !== 'object' || item instanceof Error) return item;
  if (!Object.keys(item).some((key) => RESERVED_KEYS.has(key))) return item;
  return Object.fromEntries(
    Object.entries(item).map(([key, value]) => [
      RESERVED_KEYS.has(key) ? `${key}Attribute` : key,
      value,
    ]),
  );
}
