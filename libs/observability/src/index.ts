export { InvalidSecretValueError } from './errors';
export {
  RedactingLogger,
  createLogger,
  type CreateLoggerOptions,
  type RedactingLoggerOptions,
} from './logger';
export { createMetrics, type CreateMetricsOptions } from './metrics';
export { redact, type RedactOptions } from './redact';
export { REDACTED, redactText } from './redact-text';
export { createRedactingJsonReplacer } from './redacting-json-replacer';
export { RedactingLogFormatter } from './redacting-log-formatter';
export { MIN_SECRET_LENGTH, SecretRegistry } from './secret-registry';
export { isSensitiveKey } from './sensitive-keys';
