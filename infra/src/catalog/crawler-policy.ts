/**
 * How the crawlers treat the curated datasets (one crawler per dataset folder):
 * - Only new folders are crawled (`CRAWL_NEW_FOLDERS_ONLY`): each run adds the partitions written
 *   since the last one, cheaply, and never rewrites the table.
 * - Schema changes are logged, not applied (AWS requires `LOG`/`LOG` with new-folders-only): a
 *   report that drifts cannot silently change a table analysts query. New partitions inherit the
 *   table's schema. To take a deliberate schema change, run the crawler once with
 *   `CRAWL_EVERYTHING` and `UPDATE_IN_DATABASE` (infra/README.md, "Schema changes").
 * - One table per dataset (`TableLevelConfiguration` 2: `s3://<curated>/<dataset>/`), even when
 *   partitions differ in schema.
 */
export const CRAWLER_RECRAWL_BEHAVIOR = 'CRAWL_NEW_FOLDERS_ONLY';

/** Schema change policy; the only one AWS accepts with new-folders-only crawls. */
export const CRAWLER_SCHEMA_CHANGE_POLICY = {
  updateBehavior: 'LOG',
  deleteBehavior: 'LOG',
} as const;

/** The crawler `Configuration` JSON. */
export const CRAWLER_CONFIGURATION = {
  Version: 1.0,
  CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
  Grouping: { TableGroupingPolicy: 'CombineCompatibleSchemas', TableLevelConfiguration: 2 },
} as const;
