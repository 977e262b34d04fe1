import { readable } from '../test/readable';
import {
  type SynthesizedStack,
  exportedWorkflowFile,
  synthTestStack,
} from '../test/synth-test-stack';
import {
  permissionLines,
  ref,
  resource,
  resourcesOf,
  roleStatements,
} from '../test/terraform-json';
import { CRAWLER_CONFIGURATION } from './crawler-policy';

const DATASETS = [
  'orders_by_order_date',
  'orders_by_last_update',
  'merchant_listings',
  'fba_inventory',
  'settlements',
  'sales_and_traffic_by_date',
  'sales_and_traffic_by_asin',
  'brand_analytics_search_terms',
  'brand_analytics_market_basket',
  'brand_analytics_repeat_purchase',
  'brand_analytics_search_catalog_performance',
  'brand_analytics_search_query_performance',
  'vendor_sales_aggregate',
  'vendor_sales_by_asin',
  'vendor_traffic_aggregate',
  'vendor_traffic_by_asin',
  'vendor_inventory_aggregate',
  'vendor_inventory_by_asin',
  'vendor_net_pure_product_margin_aggregate',
  'vendor_net_pure_product_margin_by_asin',
  'vendor_forecasts',
  // Flow 3 (libs/catalog catalogDatasets).
  'catalog_items',
  'listings_items',
  'listings_issues',
];
const database = ref('aws_glue_catalog_database.catalog_database', 'name');
const crawlerRole = ref('aws_iam_role.catalog_crawler_role', 'arn');
const analystRole = ref('aws_iam_role.governance_analyst_role', 'arn');
const curatedBucket = ref('aws_s3_bucket.lake_curated_bucket', 'arn');

describe('catalog and governance', () => {
  let stack: SynthesizedStack;
  beforeAll(() => {
    stack = synthTestStack();
  });

  it('knows the curated datasets of the report-type registry and the catalog from the export', () => {
    const exported = JSON.parse(exportedWorkflowFile('datasets.json')) as {
      datasets: { name: string }[];
    };
    expect(exported.datasets.map((dataset) => dataset.name).sort()).toEqual([...DATASETS].sort());
  });

  it('creates the Glue database after the Lake Formation settings', () => {
    expect(resource(stack, 'aws_glue_catalog_database', 'catalog_database')).toMatchObject({
      name: '${local.catalog_database_name}',
      depends_on: ['aws_lakeformation_data_lake_settings.lake_formation_settings'],
    });
    expect(stack.locals?.['catalog_database_name']).toBe(
      '${replace(var.name_prefix, "-", "_")}_curated',
    );
  });

  it.each(DATASETS)(
    'crawls %s: its curated folder, new folders only, schema changes logged',
    (dataset) => {
      expect(resource(stack, 'aws_glue_crawler', `catalog_crawler_${dataset}`)).toEqual({
        name: `\${var.name_prefix}-${dataset}`,
        description: `Curated dataset ${dataset}: adds new partitions`,
        database_name: database,
        role: crawlerRole,
        schedule: '${var.crawler_schedule}',
        s3_target: [{ path: `s3://\${aws_s3_bucket.lake_curated_bucket.bucket}/${dataset}/` }],
        recrawl_policy: { recrawl_behavior: 'CRAWL_NEW_FOLDERS_ONLY' },
        schema_change_policy: { update_behavior: 'LOG', delete_behavior: 'LOG' },
        configuration: JSON.stringify(CRAWLER_CONFIGURATION),
        lake_formation_configuration: { use_lake_formation_credentials: true },
        depends_on: ['aws_iam_role_policy.catalog_crawler_policy'],
      });
    },
  );

  it('makes one crawler per dataset and nothing else', () => {
    expect(Object.keys(resourcesOf(stack, 'aws_glue_crawler'))).toHaveLength(DATASETS.length);
  });

  const glue = (database: string) => [
    'arn:{partition}:glue:{region}:{account}:catalog',
    `arn:{partition}:glue:{region}:{account}:database/${database}`,
    `arn:{partition}:glue:{region}:{account}:table/${database}/*`,
  ];
  const lines = (actions: string[], resources: string[]) =>
    actions.flatMap((action) => resources.map((resource) => `Allow ${action} ${resource}`));
  const viaS3 = ' if StringEquals kms:ViaService=s3.{region}.amazonaws.com';
  const lakeKey = ref('aws_kms_key.keys_lake', 'arn');

  it('gives the crawler role catalog access and Lake Formation credentials, no S3 of its own', () => {
    expect(permissionLines(roleStatements(stack, 'catalog_crawler_role')).map(readable)).toEqual(
      [
        ...lines(
          [
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
          glue('${local.catalog_database_name}'),
        ),
        'Allow lakeformation:GetDataAccess *',
        ...lines(
          ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
          ['arn:{partition}:logs:{region}:{account}:log-group:/aws-glue/crawlers:*'],
        ),
      ].sort(),
    );
  });

  it('lets the location role read and write the curated bucket through the lake key', () => {
    expect(
      permissionLines(roleStatements(stack, 'governance_registration_role')).map(readable),
    ).toEqual(
      [
        ...lines(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], [`${curatedBucket}/*`]),
        `Allow s3:ListBucket ${curatedBucket}`,
        ...['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'].map(
          (action) => `Allow ${action} ${lakeKey}${viaS3}`,
        ),
      ].sort(),
    );
  });

  it('lets analysts query in the workgroup, read the catalog and write query results only', () => {
    const results = ref('aws_s3_bucket.lake_athena_results_bucket', 'arn');
    expect(permissionLines(roleStatements(stack, 'governance_analyst_role')).map(readable)).toEqual(
      [
        ...lines(
          [
            'athena:GetWorkGroup',
            'athena:StartQueryExecution',
            'athena:StopQueryExecution',
            'athena:GetQueryExecution',
            'athena:GetQueryResults',
            'athena:ListQueryExecutions',
          ],
          [ref('aws_athena_workgroup.query_workgroup', 'arn')],
        ),
        ...lines(
          [
            'glue:GetDatabase',
            'glue:GetDatabases',
            'glue:GetTable',
            'glue:GetTables',
            'glue:GetPartition',
            'glue:GetPartitions',
            'glue:BatchGetPartition',
          ],
          glue(database),
        ),
        'Allow lakeformation:GetDataAccess *',
        ...lines(['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'], [`${results}/*`]),
        ...lines(['s3:ListBucket', 's3:GetBucketLocation'], [results]),
        ...['kms:Decrypt', 'kms:GenerateDataKey'].map(
          (action) => `Allow ${action} ${lakeKey}${viaS3}`,
        ),
      ].sort(),
    );
  });

  it('names the Terraform caller a data lake admin and leaves no IAM_ALLOWED_PRINCIPALS default', () => {
    const settings = resource(
      stack,
      'aws_lakeformation_data_lake_settings',
      'lake_formation_settings',
    );
    expect(settings).toEqual({
      admins:
        '${distinct(concat(var.lake_admin_arns, [data.aws_iam_session_context.lake_formation_caller_session.issuer_arn]))}',
    });
    expect(JSON.stringify(stack)).not.toContain('IAM_ALLOWED_PRINCIPALS');
  });

  it('registers the curated bucket with a dedicated role, not in hybrid mode', () => {
    expect(
      resource(stack, 'aws_lakeformation_resource', 'governance_curated_location'),
    ).toMatchObject({
      arn: curatedBucket,
      role_arn: ref('aws_iam_role.governance_registration_role', 'arn'),
      use_service_linked_role: false,
      hybrid_access_enabled: false,
    });
  });

  it('grants the crawler its location, create and alter, and analysts SELECT and DESCRIBE', () => {
    const grants = Object.values(resourcesOf(stack, 'aws_lakeformation_permissions')).map(
      (grant) => ({
        principal: grant['principal'],
        permissions: grant['permissions'],
        on: grant['data_location'] ?? grant['database'] ?? grant['table'],
      }),
    );
    const allTables = { database_name: database, wildcard: true };
    expect(grants).toEqual(
      expect.arrayContaining([
        {
          principal: crawlerRole,
          permissions: ['DATA_LOCATION_ACCESS'],
          on: { arn: curatedBucket },
        },
        {
          principal: crawlerRole,
          permissions: ['CREATE_TABLE', 'ALTER', 'DESCRIBE'],
          on: { name: database },
        },
        { principal: crawlerRole, permissions: ['ALTER', 'DESCRIBE'], on: allTables },
        { principal: analystRole, permissions: ['DESCRIBE'], on: { name: database } },
        { principal: analystRole, permissions: ['SELECT', 'DESCRIBE'], on: allTables },
      ]),
    );
    expect(grants).toHaveLength(5);
    for (const grant of Object.values(resourcesOf(stack, 'aws_lakeformation_permissions'))) {
      expect(grant['depends_on']).toEqual([
        'aws_lakeformation_data_lake_settings.lake_formation_settings',
        'aws_glue_catalog_database.catalog_database',
        'aws_lakeformation_resource.governance_curated_location',
      ]);
    }
  });

  it('enforces an encrypted result location on the Athena workgroup', () => {
    expect(resource(stack, 'aws_athena_workgroup', 'query_workgroup')).toMatchObject({
      name: '${var.name_prefix}-analytics',
      configuration: {
        enforce_workgroup_configuration: true,
        bytes_scanned_cutoff_per_query: '${var.athena_bytes_scanned_cutoff}',
        engine_version: { selected_engine_version: 'Athena engine version 3' },
        result_configuration: {
          output_location: 's3://${aws_s3_bucket.lake_athena_results_bucket.bucket}/results/',
          encryption_configuration: {
            encryption_option: 'SSE_KMS',
            kms_key_arn: ref('aws_kms_key.keys_lake', 'arn'),
          },
        },
      },
    });
  });

  it('lets analysts assume their role from the listed principals, or the account when none are', () => {
    expect(
      resource(stack, 'aws_iam_role', 'governance_analyst_role')['assume_role_policy'],
    ).toContain(
      'coalescelist(var.analyst_principal_arns, [format("arn:%s:iam::%s:root", data.aws_partition.partition.partition, data.aws_caller_identity.caller.account_id)])',
    );
  });
});
