import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DuckDbCatalog } from './lake/duckdb-catalog';
import { textTable } from './lake/text-table';
import { lakePaths } from './pipeline/lake-paths';

// `npm run query -- "<sql>"`: SQL against the local catalog (one DuckDB view per curated dataset).
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: {
      'lake-dir': { type: 'string', default: '.lake' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const sql = positionals.join(' ').trim();
  const paths = lakePaths(values['lake-dir']);
  if (!existsSync(paths.catalog)) {
    throw new Error(`no catalog at ${paths.catalog}: run npm start first`);
  }
  const catalog = await DuckDbCatalog.open(paths.catalog, { readOnly: true });
  try {
    if (sql === '') {
      process.stdout.write(
        `Usage: npm run query -- "<sql>" [--json] [--lake-dir .lake]\nViews: ${(await catalog.views()).join(', ')}\n`,
      );
      return;
    }
    const result = await catalog.query(sql);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(result.rows, null, 2)}\n`);
      return;
    }
    const rows = result.rows.map((row) => result.columns.map((column) => cellText(row[column])));
    process.stdout.write(`${textTable(result.columns, rows)}\n(${rows.length} rows)\n`);
  } finally {
    catalog.close();
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
