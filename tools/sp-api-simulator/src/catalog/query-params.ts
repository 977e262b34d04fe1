/** A CSV query parameter as a list (repeated keys count like CSV, as the validator accepts them). */
export function csvParam(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  const items = values
    .join(',')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return items.length === 0 ? undefined : items;
}

/** An integer query parameter, `fallback` when absent, undefined when not an integer. */
export function intParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
}
