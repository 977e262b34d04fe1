/** Values of a CSV query parameter (also accepts repeated keys); undefined when absent. */
export function queryList(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** Epoch ms of an ISO-8601 query parameter; undefined when absent. */
export function queryTime(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : Date.parse(value);
}
