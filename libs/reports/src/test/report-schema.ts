import { readFileSync } from 'node:fs';
import path from 'node:path';

// An official report schema (models/spapi/report-schema_<type>.json), read by the tests that hold
// the report type definitions to it.

export interface SchemaNode {
  readonly type?: string;
  readonly format?: string;
  readonly $ref?: string;
  readonly enum?: readonly string[];
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
}

export interface ReportSchema extends SchemaNode {
  readonly definitions?: Readonly<Record<string, SchemaNode>>;
  readonly examples?: readonly unknown[];
}

export function readReportSchema(reportType: string): ReportSchema {
  const file = path.join(__dirname, `../../../../models/spapi/report-schema_${reportType}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as ReportSchema;
}

function resolved(schema: ReportSchema, node: SchemaNode): SchemaNode {
  if (node.$ref === undefined) return node;
  const found = schema.definitions?.[node.$ref.split('/').pop() ?? ''];
  if (found === undefined) throw new Error(`unresolved ${node.$ref}`);
  return found;
}

/** The leaves under `node` with their paths (`salesByDate.unitsOrdered`, ...), `$ref`s followed. */
export function leafNodes(
  schema: ReportSchema,
  node: SchemaNode,
  prefix = '',
): [string, SchemaNode][] {
  const current = resolved(schema, node);
  if (current.type === 'object' && current.properties !== undefined) {
    return Object.entries(current.properties).flatMap(([key, child]) =>
      leafNodes(schema, child, prefix === '' ? key : `${prefix}.${key}`),
    );
  }
  return [[prefix, current]];
}

/** The leaf paths under `node`. */
export function leafPaths(schema: ReportSchema, node: SchemaNode, prefix = ''): string[] {
  return leafNodes(schema, node, prefix).map(([leaf]) => leaf);
}

/** The sorted leaf paths of the elements of one top-level array of the report. */
export function arrayLeaves(schema: ReportSchema, arrayName: string): string[] {
  const array = schema.properties?.[arrayName];
  if (array?.items === undefined) throw new Error(`the schema has no array ${arrayName}`);
  return leafPaths(schema, array.items).sort();
}

/** The schema's `reportSpecification.reportOptions` properties. */
export function reportOptionsOf(schema: ReportSchema): Readonly<Record<string, SchemaNode>> {
  const options =
    schema.properties?.['reportSpecification']?.properties?.['reportOptions']?.properties;
  if (options === undefined) throw new Error('the schema names no reportOptions');
  return options;
}
