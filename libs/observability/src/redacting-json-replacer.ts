import type { CustomJsonReplacerFn } from '@aws-lambda-powertools/logger/types';
import { REDACTED, redactText } from './redact-text';
import type { SecretRegistry } from './secret-registry';
import { isSensitiveKey } from './sensitive-keys';

/**
 * Last line of defence, run by Powertools on every key and value while serialising an entry:
 * catches what reaches JSON.stringify without passing the formatter (toJSON results, late errors).
 */
export function createRedactingJsonReplacer(secrets: SecretRegistry): CustomJsonReplacerFn {
  return (key, value) => {
    if (key !== '' && isSensitiveKey(key) && value !== undefined && value !== null) return REDACTED;
    return typeof value === 'string' ? redactText(value, secrets.values()) : value;
  };
}
