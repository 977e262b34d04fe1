import { DuckDBInstance } from '@duckdb/node-api';

/** A row as DuckDB's JSON conversion gives it (cast columns in SQL for exact comparisons). */
export type JsonRow = Record<string, unknown>;

/** An in-memory DuckDB reading the curated zone of a local lake, as analysts would. */
export class DuckDbLake {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: Awaited<ReturnType<DuckDBInstance['connect']>>,
    readonly curatedDirectory: string,
  ) {}

  static async open(curatedDirectory: string): Promise<DuckDbLake> {
    const instance = await DuckDBInstance.create(':memory:');
    return new DuckDbLake(instance, await instance.connect(), curatedDirectory);
  }

  /** `read_parquet` over every file of a dataset, Hive partitions as columns. */
  dataset(name: string): string {
    return `read_parquet('${this.curatedDirectory}/${name}/**/*.parquet', hive_partitioning = true, union_by_name = true)`;
  }

  async query(sql: string): Promise<JsonRow[]> {
    return (await this.connection.runAndReadAll(sql)).getRowObjectsJson();
  }

  /** Column names of one Parquet file. */
  async columnsOf(file: string): Promise<string[]> {
    const rows = await this.query(
      `DESCRIBE SELECT * FROM read_parquet('${file}', hive_partitioning = false)`,
    );
    return rows.map((row) => String(row['column_name']));
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
