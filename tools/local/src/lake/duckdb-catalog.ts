import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** A query's answer with JSON-safe values (BIGINT and DECIMAL as strings, dates as ISO text). */
export interface QueryResult {
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
}

type Connection = Awaited<ReturnType<DuckDBInstance['connect']>>;

const DATASET_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * The local twin of the Glue Data Catalog and Athena: a DuckDB database file holding one view per
 * curated dataset over its Hive-partitioned Parquet (`selling_partner_id`, `marketplace_id`, `dt`
 * as columns; files of older and newer schemas read by column name), plus `lake_reports` (the
 * report manifests) and `lake_ledger` (how each window ended).
 */
export class DuckDbCatalog {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: Connection,
  ) {}

  /** Opens (or creates) the catalog file; `readOnly` for queries while nothing writes. */
  static async open(
    file: string,
    options: { readonly readOnly?: boolean } = {},
  ): Promise<DuckDbCatalog> {
    const instance = await DuckDBInstance.create(
      file,
      options.readOnly === true ? { access_mode: 'READ_ONLY' } : {},
    );
    return new DuckDbCatalog(instance, await instance.connect());
  }

  /**
   * Creates or replaces a view per dataset folder of `curatedDir` that holds Parquet files, and the
   * bookkeeping views. Returns the dataset views registered.
   */
  async registerLake(curatedDir: string): Promise<string[]> {
    const root = path.resolve(curatedDir);
    const datasets: string[] = [];
    for (const entry of await readdirOrEmpty(root)) {
      if (!entry.isDirectory() || !DATASET_NAME.test(entry.name)) continue;
      datasets.push(entry.name);
      await this.connection.run(
        `CREATE OR REPLACE VIEW ${entry.name} AS SELECT * FROM read_parquet(${literal(
          path.join(root, entry.name, '**', '*.parquet'),
        )}, hive_partitioning = true, union_by_name = true)`,
      );
    }
    await this.jsonView('lake_reports', root, ['_manifests', 'reports', '*', '*.json']);
    await this.jsonView('lake_ledger', root, ['_ledger', '**', '*.json']);
    return datasets.sort();
  }

  /** Names of the views in the catalog. */
  async views(): Promise<string[]> {
    const result = await this.query(
      'SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name',
    );
    return result.rows.map((row) => String(row['view_name']));
  }

  /** Runs SQL and reads the whole answer. */
  async query(sql: string): Promise<QueryResult> {
    const reader = await this.connection.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowObjectsJson() };
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private async jsonView(name: string, root: string, glob: readonly string[]): Promise<void> {
    const pattern = path.join(root, ...glob);
    const folder = path.join(root, glob[0] ?? '');
    if ((await readdirOrEmpty(folder)).length === 0) {
      await this.connection.run(`DROP VIEW IF EXISTS ${name}`);
      return;
    }
    await this.connection.run(
      `CREATE OR REPLACE VIEW ${name} AS SELECT * FROM read_json_auto(${literal(pattern)}, union_by_name = true)`,
    );
  }
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function readdirOrEmpty(directory: string) {
  try {
    return await readdir(directory, { withFileTypes: true });
  } catch (error) {
    if (Reflect.get(Object(error), 'code') === 'ENOENT') return [];
    throw error;
  }
}
