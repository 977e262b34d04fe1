import { DuckDBInstance } from '@duckdb/node-api';

/** A row as DuckDB's JSON conversion gives it. */
export type JsonRow = Record<string, unknown>;

/** An in-memory DuckDB over the curated zone of a local lake, as analysts would read it. */
export class DuckDbLake {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: Awaited<ReturnType<DuckDBInstance['connect']>>,
    private readonly curatedDirectory: string,
  ) {}

  static async open(curatedDirectory: string): Promise<DuckDbLake> {
    const instance = await DuckDBInstance.create(':memory:');
    return new DuckDbLake(instance, await instance.connect(), curatedDirectory);
  }

  /** `read_parquet` over a dataset, Hive partitions as columns. */
  dataset(name: string): string {
    return `read_parquet('${this.curatedDirectory}/${name}/**/*.parquet', hive_partitioning = true, union_by_name = true)`;
  }

  /**
   * The current state of a dataset: per key, the rows of the latest fetch (`_fetched_at`, then
   * `_refresh_id` for fetches at the same instant).
   */
  latest(name: string, key: readonly string[]): string {
    const partition = ['selling_partner_id', 'marketplace_id', ...key].join(', ');
    return `(SELECT * FROM ${this.dataset(name)} QUALIFY rank() OVER (PARTITION BY ${partition} ORDER BY _fetched_at DESC, _refresh_id DESC) = 1)`;
  }

  async query(sql: string): Promise<JsonRow[]> {
    return (await this.connection.runAndReadAll(sql)).getRowObjectsJson();
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
