import type { ColumnDefinition, ColumnType } from './column-type';

/** snake_case of a report header or JSON path: `amazon-order-id` -> `amazon_order_id`. */
export function toSnakeCase(source: string): string {
  return source
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

/** Builds column definitions from `[header, type]` pairs, in document order. */
export function columns(
  pairs: readonly (readonly [string, ColumnType] | readonly [string, ColumnType, number])[],
): ColumnDefinition[] {
  return pairs.map(([source, type, scale]) => ({
    name: toSnakeCase(source),
    source,
    type,
    ...(scale === undefined ? {} : { scale }),
  }));
}

/** The `[path, type]` pairs of a JSON money object (`{ amount, currencyCode }`). */
export function money(path: string): [string, ColumnType][] {
  return [
    [`${path}.amount`, 'double'],
    [`${path}.currencyCode`, 'string'],
  ];
}

/** Builds JSON column definitions from `[path, type]` pairs; names drop the given leading segments. */
export function jsonColumns(
  pairs: readonly (readonly [string, ColumnType])[],
  stripPrefixes: readonly string[] = [],
): ColumnDefinition[] {
  return pairs.map(([source, type]) => ({
    name: jsonColumnName(source, stripPrefixes),
    source,
    type,
  }));
}

/** The column name of a JSON path: `salesByDate.orderedProductSales.amount` -> `ordered_product_sales_amount`. */
export function jsonColumnName(path: string, stripPrefixes: readonly string[]): string {
  const prefix = stripPrefixes.find((candidate) => path.startsWith(`${candidate}.`));
  return toSnakeCase(prefix ? path.slice(prefix.length + 1) : path);
}

/** Where a JSON report names the options it was created with (one value for the whole document). */
export const REPORT_SPECIFICATION = 'reportSpecification';

/**
 * A column holding one of the document's `reportSpecification.reportOptions` in every row, so rows
 * of reports created with other options (a FRESH and a RETAIL vendor config, PARENT and CHILD ASIN
 * granularity) stay apart in one table. `documentedDefault` is what Amazon uses when the request
 * omits the option: a document that does not echo it still gets the value it was made with.
 */
export function reportOptionColumn(option: string, documentedDefault?: string): ColumnDefinition {
  return {
    name: toSnakeCase(option),
    source: `${REPORT_SPECIFICATION}.reportOptions.${option}`,
    type: 'string',
    ...(documentedDefault === undefined ? {} : { absentMeans: documentedDefault }),
  };
}
