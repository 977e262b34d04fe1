import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { redact } from './redact';
import type { SecretRegistry } from './secret-registry';

/**
 * Powertools' standard log structure (the keys of its default formatter, which the package does
 * not export), with every entry passed through {@link redact} before it is serialised.
 */
export class RedactingLogFormatter extends LogFormatter {
  readonly #secrets: SecretRegistry;

  constructor(secrets: SecretRegistry) {
    super();
    this.#secrets = secrets;
  }

  override formatAttributes(
    attributes: UnformattedAttributes,
    additionalLogAttributes: LogAttributes,
  ): LogItem {
    const item = new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: attributes.lambdaContext?.coldStart,
        function_arn: attributes.lambdaContext?.invokedFunctionArn,
        function_memory_size: attributes.lambdaContext?.memoryLimitInMB,
        function_name: attributes.lambdaContext?.functionName,
        function_request_id: attributes.lambdaContext?.awsRequestId,
        sampling_rate: attributes.sampleRateValue,
        xray_trace_id: attributes.xRayTraceId,
        tenant_id: attributes.lambdaContext?.tenantId,
      },
    }).addAttributes(additionalLogAttributes);
    return new LogItem({ attributes: this.#redactAttributes(item.getAttributes()) });
  }

  /** Powertools' error shape (name, location, message, stack, cause, own properties), redacted. */
  override formatError(error: Error): LogAttributes {
    return this.#redactAttributes(super.formatError(error));
  }

  #redactAttributes(attributes: LogAttributes): LogAttributes {
    const redacted = redact(attributes, {
      secretValues: this.#secrets.values(),
      formatError: (error) => super.formatError(error),
    });
    // redact() keeps a plain object a plain object; the guard satisfies the type system.
    return typeof redacted === 'object' && redacted !== null && !Array.isArray(redacted)
      ? Object.fromEntries(Object.entries(redacted))
      : {};
  }
}
