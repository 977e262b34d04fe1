import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The official model files the simulator routes by, keyed by a short model id. */
export const MODEL_FILES = {
  reports: 'reports_2021-06-30.json',
  notifications: 'notifications_v1.json',
  catalogItems: 'catalogItems_2022-04-01.json',
  listingsItems: 'listingsItems_2021-08-01.json',
  sellers: 'sellers_v1.json',
  tokens: 'tokens_2021-03-01.json',
  applicationManagement: 'applicationManagement_2023-11-30.json',
} as const;

/** A Swagger 2 parameter (inline; `$ref` parameters are resolved on load). */
export interface ModelParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'body' | 'header' | 'formData';
  readonly required?: boolean;
  readonly type?: string;
  readonly schema?: unknown;
  readonly [keyword: string]: unknown;
}

/** One operation of a model, with its usage plan parsed from the description table. */
export interface ModelOperation {
  readonly modelId: string;
  readonly operationId: string;
  readonly method: string;
  readonly pathTemplate: string;
  readonly pathParamNames: readonly string[];
  readonly parameters: readonly ModelParameter[];
  readonly rate: number;
  readonly burst: number;
  readonly responses: Readonly<Record<string, { readonly schema?: unknown }>>;
  readonly matcher: RegExp;
}

/** The loaded models: their raw documents and every operation. */
export interface ModelRegistry {
  readonly models: ReadonlyMap<string, { readonly definitions?: unknown }>;
  readonly operations: readonly ModelOperation[];
  operation(operationId: string): ModelOperation | undefined;
}

interface SwaggerDocument {
  readonly definitions?: unknown;
  readonly parameters?: Record<string, ModelParameter>;
  readonly paths: Record<string, Record<string, unknown>>;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);
const USAGE_PLAN =
  /\|\s*Rate \(requests per second\)\s*\|\s*Burst\s*\|\s*\n\|[-\s|]+\|\s*\n\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|/;

/** Finds `models/spapi` by walking up from `start` (works from src/ and from a bundle in tmp/). */
export function findModelsDir(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, 'models', 'spapi');
    if (existsSync(path.join(candidate, MODEL_FILES.reports))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`models/spapi not found above ${start}`);
    dir = parent;
  }
}

/** Loads every model in {@link MODEL_FILES} and indexes its operations. */
export function loadModelRegistry(modelsDir: string = findModelsDir()): ModelRegistry {
  const models = new Map<string, SwaggerDocument>();
  const operations: ModelOperation[] = [];
  for (const [modelId, file] of Object.entries(MODEL_FILES)) {
    const doc = JSON.parse(readFileSync(path.join(modelsDir, file), 'utf8')) as SwaggerDocument;
    models.set(modelId, doc);
    for (const [pathTemplate, item] of Object.entries(doc.paths)) {
      const shared = resolveParameters(doc, item['parameters']);
      for (const [method, raw] of Object.entries(item)) {
        if (!HTTP_METHODS.has(method)) continue;
        operations.push(toOperation(doc, modelId, method, pathTemplate, raw, shared));
      }
    }
  }
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  return { models, operations, operation: (operationId) => byId.get(operationId) };
}

function toOperation(
  doc: SwaggerDocument,
  modelId: string,
  method: string,
  pathTemplate: string,
  raw: unknown,
  shared: readonly ModelParameter[],
): ModelOperation {
  const op = raw as {
    operationId: string;
    description?: string;
    parameters?: unknown;
    responses: Record<string, { schema?: unknown }>;
  };
  const own = resolveParameters(doc, op.parameters);
  const names = new Set(own.map((p) => `${p.in}:${p.name}`));
  const parameters = [...own, ...shared.filter((p) => !names.has(`${p.in}:${p.name}`))];
  const plan = USAGE_PLAN.exec(op.description ?? '');
  const pathParamNames = [...pathTemplate.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  const pattern = pathTemplate
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('([^/]+)');
  return {
    modelId,
    operationId: op.operationId,
    method: method.toUpperCase(),
    pathTemplate,
    pathParamNames,
    parameters,
    // Every in-scope operation documents its plan; the fallback only guards future models.
    rate: plan ? Number(plan[1]) : 1,
    burst: plan ? Number(plan[2]) : 1,
    responses: op.responses,
    matcher: new RegExp(`^${pattern}$`),
  };
}

function resolveParameters(doc: SwaggerDocument, raw: unknown): ModelParameter[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((entry: unknown) => {
    const ref = (entry as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/parameters/')) {
      const resolved = doc.parameters?.[ref.slice('#/parameters/'.length)];
      if (resolved === undefined) throw new Error(`unresolved parameter ${ref}`);
      return resolved;
    }
    return entry as ModelParameter;
  });
}
