import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** A Swagger 2 schema object (only the parts the simulator reads). */
export type SwaggerSchema = Readonly<Record<string, unknown>>;

/**
 * Rewrites a Swagger 2 schema into JSON Schema for ajv: `#/definitions/X` refs point into the model
 * registered under `modelId`, and vendor extensions (`x-*`) are dropped.
 */
export function toJsonSchema(schema: unknown, modelId: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => toJsonSchema(item, modelId));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-') || key === 'example' || key === 'discriminator') continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) {
      out[key] = `${modelId}${value}`;
    } else if (key === 'properties' || key === 'definitions') {
      // Property names are data, not keywords: keep them even if they look like extensions.
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, sub]) => [
          name,
          toJsonSchema(sub, modelId),
        ]),
      );
    } else {
      out[key] = toJsonSchema(value, modelId);
    }
  }
  return out;
}

/**
 * One ajv instance holding the definitions of every loaded model, so body and response schemas can
 * be compiled by reference (`<modelId>#/definitions/X`).
 */
export class SchemaValidators {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(models: ReadonlyMap<string, { readonly definitions?: unknown }>) {
    this.ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
    addFormats(this.ajv);
    for (const [modelId, model] of models) {
      this.ajv.addSchema(
        { $id: modelId, definitions: toJsonSchema(model.definitions ?? {}, modelId) },
        modelId,
      );
    }
  }

  /** A validator of a Swagger schema that belongs to model `modelId` (compiled once per key). */
  validator(modelId: string, key: string, schema: unknown): ValidateFunction {
    const cacheKey = `${modelId}:${key}`;
    let validate = this.cache.get(cacheKey);
    if (validate === undefined) {
      validate = this.ajv.compile(toJsonSchema(schema, modelId) as object);
      this.cache.set(cacheKey, validate);
    }
    return validate;
  }
}

/** Renders ajv's first error as `<field> <problem>`, naming the field by its path under `root`. */
export function describeSchemaError(validate: ValidateFunction, root: string): string {
  const error = validate.errors?.[0];
  if (error === undefined) return `${root}: invalid`;
  const pointer = error.instancePath
    .split('/')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
  const missing =
    error.keyword === 'required' && typeof error.params['missingProperty'] === 'string'
      ? `.${error.params['missingProperty']}`
      : '';
  const field = `${root}${pointer}${missing}`.replace(/^\./, '') || 'body';
  return error.keyword === 'required'
    ? `${field} is required`
    : `${field} ${error.message ?? 'is invalid'}`;
}
