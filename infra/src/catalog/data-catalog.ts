import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import { GlueCrawler } from '@cdktf/provider-aws/lib/glue-crawler';
import { Fn, TerraformLocal } from 'cdktf';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ServiceRole } from '../iam/service-role';
import type { Deployment } from '../stack/deployment';
import {
  CRAWLER_CONFIGURATION,
  CRAWLER_RECRAWL_BEHAVIOR,
  CRAWLER_SCHEMA_CHANGE_POLICY,
} from './crawler-policy';

/** The state machines that start crawlers (tools/asl-export `crawlerStartedBy`). */
export const CrawlerStarter = {
  ReportIngestion: 'report-ingestion',
  ReportRetrieval: 'report-retrieval',
  CatalogRefresh: 'catalog-refresh',
} as const;
export type CrawlerStarter = (typeof CrawlerStarter)[keyof typeof CrawlerStarter];

/** One curated dataset as the stack needs it (tools/asl-export `datasets.json`). */
export interface CuratedDataset {
  readonly name: string;
  /** The state machines that may start its crawler. */
  readonly crawlerStartedBy: readonly CrawlerStarter[];
}

/** Options of {@link DataCatalog}. */
export interface DataCatalogProps {
  readonly deployment: Deployment;
  /** Curated datasets (tools/asl-export `datasets.json`): one crawler each. */
  readonly datasets: readonly CuratedDataset[];
  readonly curatedBucketName: string;
  readonly crawlerSchedule: string;
  /** Lake Formation settings must exist before the database (no IAM_ALLOWED_PRINCIPALS grants). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * The Glue database of the curated zone and one crawler per curated dataset. Crawlers read S3 with
 * Lake Formation credentials (the curated location is registered), so their role has catalog
 * permissions and no S3 or KMS access of its own.
 */
export class DataCatalog extends Construct {
  readonly database: GlueCatalogDatabase;
  readonly databaseName: string;
  readonly crawlerRole: ServiceRole;
  readonly crawlers: ReadonlyMap<string, GlueCrawler>;
  readonly crawlerNamePrefix: string;
  private readonly datasets: readonly CuratedDataset[];

  constructor(scope: Construct, id: string, props: DataCatalogProps) {
    super(scope, id);
    const { deployment } = props;
    this.datasets = props.datasets;
    // Athena wants identifiers without hyphens. A local, so that policies (JSON text) reference it
    // as `${local.…}` rather than embedding a function call with quotes.
    this.databaseName = new TerraformLocal(
      this,
      'database_name',
      `${Fn.replace(deployment.namePrefix, '-', '_')}_curated`,
    ).asString;
    this.database = new GlueCatalogDatabase(this, 'database', {
      name: this.databaseName,
      description: 'spapi-lake curated datasets (Parquet, Hive partitions)',
      dependsOn: [...props.dependsOn],
    });
    this.crawlerNamePrefix = `${deployment.namePrefix}-`;

    const glueArn = (resource: string) => deployment.arn('glue', resource);
    this.crawlerRole = new ServiceRole(this, 'crawler', {
      roleName: deployment.name('crawler'),
      description: 'Glue crawlers of the curated datasets',
      service: 'glue.amazonaws.com',
      statements: [
        {
          Sid: 'CatalogTablesAndPartitions',
          Effect: 'Allow',
          Action: [
            'glue:GetDatabase',
            'glue:GetTable',
            'glue:GetTables',
            'glue:CreateTable',
            'glue:UpdateTable',
            'glue:GetPartition',
            'glue:GetPartitions',
            'glue:BatchGetPartition',
            'glue:CreatePartition',
            'glue:BatchCreatePartition',
            'glue:UpdatePartition',
            'glue:BatchUpdatePartition',
          ],
          Resource: [
            glueArn('catalog'),
            glueArn(`database/${this.databaseName}`),
            glueArn(`table/${this.databaseName}/*`),
          ],
        },
        {
          Sid: 'LakeFormationCredentials',
          Effect: 'Allow',
          Action: ['lakeformation:GetDataAccess'],
          Resource: '*',
        },
        {
          Sid: 'CrawlerLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: deployment.arn('logs', 'log-group:/aws-glue/crawlers:*'),
        },
      ],
    });

    const crawlers = new Map<string, GlueCrawler>();
    for (const { name: dataset } of props.datasets) {
      crawlers.set(
        dataset,
        new GlueCrawler(this, `crawler_${dataset}`, {
          name: `${this.crawlerNamePrefix}${dataset}`,
          description: `Curated dataset ${dataset}: adds new partitions`,
          databaseName: this.database.name,
          role: this.crawlerRole.arn,
          schedule: props.crawlerSchedule,
          s3Target: [{ path: `s3://${props.curatedBucketName}/${dataset}/` }],
          recrawlPolicy: { recrawlBehavior: CRAWLER_RECRAWL_BEHAVIOR },
          schemaChangePolicy: { ...CRAWLER_SCHEMA_CHANGE_POLICY },
          configuration: JSON.stringify(CRAWLER_CONFIGURATION),
          lakeFormationConfiguration: { useLakeFormationCredentials: true },
          dependsOn: [this.crawlerRole.policy],
        }),
      );
    }
    this.crawlers = crawlers;
  }

  /** ARNs of the crawlers `starter` may start, from names (no reference to the crawlers). */
  crawlerArns(deployment: Deployment, starter: CrawlerStarter): string[] {
    return this.datasets
      .filter((dataset) => dataset.crawlerStartedBy.includes(starter))
      .map((dataset) => deployment.arn('glue', `crawler/${this.crawlerNamePrefix}${dataset.name}`));
  }
}
