import type { ModelOperation, ModelParameter } from './model-registry';
import { describeSchemaError, type SchemaValidators } from './swagger-schema';

/** Raw request parts to validate against an operation's parameters. */
export interface RawRequestParts {
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Parsed JSON body; `undefined` when the request had none. */
  readonly body: unknown;
}

const SCHEMA_KEYWORDS = [
  'type',
  'items',
  'enum',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'format',
] as const;

/**
 * Validates path, query and body against the model's parameter definitions. Returns the message of
 * the first problem (naming the field), or undefined when the request is valid.
 */
export function validateParameters(
  operation: ModelOperation,
  parts: RawRequestParts,
  validators: SchemaValidators,
): string | undefined {
  for (const parameter of operation.parameters) {
    const problem =
      parameter.in === 'body'
        ? validateBody(operation, parameter, parts.body, validators)
        : parameter.in === 'path' || parameter.in === 'query'
          ? validateSimple(operation, parameter, rawValue(parameter, parts), validators)
          : undefined;
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function rawValue(parameter: ModelParameter, parts: RawRequestParts): string | undefined {
  if (parameter.in === 'path') return parts.pathParams[parameter.name];
  // Repeated keys (`a=1&a=2`) are accepted like the CSV form (`a=1,2`).
  const values = parts.query.getAll(parameter.name);
  return values.length === 0 ? undefined : values.join(',');
}

function validateBody(
  operation: ModelOperation,
  parameter: ModelParameter,
  body: unknown,
  validators: SchemaValidators,
): string | undefined {
  if (body === undefined) return parameter.required === true ? 'body is required' : undefined;
  if (parameter.schema === undefined) return undefined;
  const validate = validators.validator(
    operation.modelId,
    `${operation.operationId}:body`,
    parameter.schema,
  );
  return validate(body) ? undefined : describeSchemaError(validate, '');
}

function validateSimple(
  operation: ModelOperation,
  parameter: ModelParameter,
  raw: string | undefined,
  validators: SchemaValidators,
): string | undefined {
  if (raw === undefined || raw === '') {
    return parameter.required === true ? `${parameter.name} is required` : undefined;
  }
  const value = coerce(parameter, raw);
  if (value === undefined) return `${parameter.name} must be ${String(parameter.type)}`;
  const schema = Object.fromEntries(
    SCHEMA_KEYWORDS.filter((key) => parameter[key] !== undefined).map((key) => [
      key,
      parameter[key],
    ]),
  );
  const validate = validators.validator(
    operation.modelId,
    `${operation.operationId}:${parameter.in}:${parameter.name}`,
    schema,
  );
  return validate(value) ? undefined : describeSchemaError(validate, parameter.name);
}

function coerce(parameter: ModelParameter, raw: string): unknown {
  switch (parameter.type) {
    case 'array': {
      const items = (parameter['items'] ?? {}) as ModelParameter;
      const values = raw.split(',').map((item) => coerce(items, item));
      return values.includes(undefined) ? undefined : values;
    }
    case 'integer':
      return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
    case 'number':
      return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : undefined;
    default:
      return raw;
  }
}
