/**
 * `none`, or the columns that drifted in (+), the schema columns documents lacked (-) and the
 * top-level JSON keys no dataset reads (skipped); long lists are cut to their first `limit` names.
 */
export function driftText(
  d: {
    readonly driftColumns: readonly string[];
    readonly missingColumns: readonly string[];
    readonly skippedKeys?: readonly string[];
  },
  limit = Number.POSITIVE_INFINITY,
): string {
  const list = (sign: string, columns: readonly string[]) =>
    columns.length <= limit
      ? columns.map((column) => `${sign}${column}`).join(', ')
      : `${sign}${columns.length} columns (${columns.slice(0, limit).join(', ')}, …)`;
  const parts = [
    ...(d.driftColumns.length > 0 ? [list('+', d.driftColumns)] : []),
    ...(d.missingColumns.length > 0 ? [list('-', d.missingColumns)] : []),
    ...(d.skippedKeys?.length ? [`skipped ${list('', d.skippedKeys)}`] : []),
  ];
  return parts.length === 0 ? 'none' : parts.join('; ');
}
