import { type SynthesizedStack, synthTestStack } from '../test/synth-test-stack';
import { permissionLines, resource, roleStatements } from '../test/terraform-json';
import { readable } from '../test/readable';
import { FUNCTION_CATALOG } from './function-catalog';

// Expected permissions of every function role, written out: what each function may do is reviewed
// here, line by line. `{…}` are the partition, account, region and name prefix.
const lakeKey = '${aws_kms_key.keys_lake.arn}';
const secretsKey = '${aws_kms_key.keys_secrets.arn}';
const broker = 'arn:{partition}:lambda:{region}:{account}:function:{prefix}-token-broker:live';
const ingestion =
  'arn:{partition}:states:{region}:{account}:stateMachine:{prefix}-report-ingestion';
const table = (name: string) => `\${aws_dynamodb_table.state_${name}.arn}`;
const bucket = (name: string) => `\${aws_s3_bucket.lake_${name}_bucket.arn}`;
const queue = (name: string) => `\${aws_sqs_queue.${name}_queue.arn}`;
const via = (service: string) =>
  ` if StringEquals kms:ViaService=${service}.{region}.amazonaws.com`;

const base = (id: string) => [
  `Allow logs:CreateLogStream \${aws_cloudwatch_log_group.functions_${id}_logs.arn}:*`,
  `Allow logs:PutLogEvents \${aws_cloudwatch_log_group.functions_${id}_logs.arn}:*`,
  'Allow xray:PutTelemetryRecords *',
  'Allow xray:PutTraceSegments *',
];
const parameter = {
  accounts: '${aws_ssm_parameter.configuration_accounts.arn}',
  reportConfigs: '${aws_ssm_parameter.configuration_report_configs.arn}',
  endpoints: 'arn:{partition}:ssm:{region}:{account}:parameter/{prefix}/endpoints',
};
const readParameters = (...names: (keyof typeof parameter)[]) =>
  names.map((name) => `Allow ssm:GetParameter ${parameter[name]}`);
const invokeBroker = [`Allow lambda:InvokeFunction ${broker}`];
const items = (name: string, ...actions: string[]) =>
  actions.map((action) => `Allow dynamodb:${action} ${table(name)}`);
const dynamoKeyRead = [`Allow kms:Decrypt ${lakeKey}${via('dynamodb')}`];
const dynamoKeyReadWrite = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'].map(
  (action) => `Allow ${action} ${lakeKey}${via('dynamodb')}`,
);
// Items written with the lake key: the key statement appears once per role, whatever the tables.
const tableActions = (name: string, ...actions: string[]) => [
  ...items(name, ...actions),
  ...(actions.every((action) => ['GetItem', 'BatchGetItem', 'Query'].includes(action))
    ? dynamoKeyRead
    : dynamoKeyReadWrite),
];
const objectsReadWrite = (name: string, ...prefixes: string[]) => [
  ...['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'].flatMap((action) =>
    (prefixes.length > 0 ? prefixes : ['']).map(
      (prefix) => `Allow ${action} ${bucket(name)}/${prefix}*`,
    ),
  ),
  prefixes.length > 0
    ? `Allow s3:ListBucket ${bucket(name)} if StringLike s3:prefix=${prefixes.map((prefix) => `${prefix}*`).join(',')}`
    : `Allow s3:ListBucket ${bucket(name)}`,
];
const s3KeyReadWrite = [
  `Allow kms:Decrypt ${lakeKey}${via('s3')}`,
  `Allow kms:GenerateDataKey ${lakeKey}${via('s3')}`,
];
const consume = (name: string) => [
  ...[
    'sqs:ChangeMessageVisibility',
    'sqs:DeleteMessage',
    'sqs:GetQueueAttributes',
    'sqs:ReceiveMessage',
  ].map((action) => `Allow ${action} ${queue(name)}`),
  `Allow kms:Decrypt ${lakeKey}${via('sqs')}`,
];
// Objects of the curated bucket at one access level, with that level's ListBucket statement.
const curatedObjects = (
  access: 'read' | 'read-write' | 'read-write-delete',
  ...prefixes: string[]
) => {
  const actions = {
    read: ['s3:GetObject'],
    'read-write': ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
    'read-write-delete': [
      's3:AbortMultipartUpload',
      's3:DeleteObject',
      's3:GetObject',
      's3:PutObject',
    ],
  }[access];
  return [
    ...actions.flatMap((action) =>
      prefixes.map((prefix) => `Allow ${action} ${bucket('curated')}/${prefix}*`),
    ),
    `Allow s3:ListBucket ${bucket('curated')} if StringLike s3:prefix=${prefixes.map((prefix) => `${prefix}*`).join(',')}`,
  ];
};
const reportDatasets = [
  'brand_analytics_market_basket',
  'brand_analytics_repeat_purchase',
  'brand_analytics_search_catalog_performance',
  'brand_analytics_search_query_performance',
  'brand_analytics_search_terms',
  'fba_inventory',
  'merchant_listings',
  'orders_by_last_update',
  'orders_by_order_date',
  'sales_and_traffic_by_asin',
  'sales_and_traffic_by_date',
  'settlements',
  'vendor_forecasts',
  'vendor_inventory_aggregate',
  'vendor_inventory_by_asin',
  'vendor_net_pure_product_margin_aggregate',
  'vendor_net_pure_product_margin_by_asin',
  'vendor_sales_aggregate',
  'vendor_sales_by_asin',
  'vendor_traffic_aggregate',
  'vendor_traffic_by_asin',
];
const s3KeyRead = [`Allow kms:Decrypt ${lakeKey}${via('s3')}`];
const work = '_work/catalog-refresh/';
const refreshTokens =
  'arn:{partition}:secretsmanager:{region}:{account}:secret:{prefix}/refresh-tokens/*';
const clientCredentials = '${aws_secretsmanager_secret.configuration_client_credentials.arn}';
const laneStore = tableActions('lane_states', 'GetItem', 'PutItem');
const notificationState = tableActions(
  'notification_state',
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
);

const EXPECTED: Record<string, string[]> = {
  'create-report': [
    ...readParameters('endpoints'),
    ...invokeBroker,
    ...tableActions('report_requests', 'GetItem', 'PutItem'),
    // Whether a DONE report is kept uncurated (to reuse it): records and manifests, read only.
    ...curatedObjects('read', '_manifests/reports/', '_manifests/uncurated-reports/'),
    ...s3KeyRead,
  ],
  'plan-windows': [
    ...readParameters('accounts', 'reportConfigs', 'endpoints'),
    ...tableActions('lane_states', 'BatchGetItem'),
  ],
  'claim-window': laneStore,
  'complete-window': laneStore,
  'record-window-failure': laneStore,
  'get-report-status': [...readParameters('endpoints'), ...invokeBroker],
  'retrieve-report': [
    ...readParameters('endpoints'),
    ...invokeBroker,
    ...objectsReadWrite('raw', 'reports/'),
    // Reports' datasets and their quarantine only: never catalog or listings data.
    ...curatedObjects(
      'read-write-delete',
      '_manifests/reports/',
      '_manifests/uncurated-reports/',
      // The report's lease, deleted on release.
      '_leases/reports/',
      ...reportDatasets.flatMap((dataset) => [`${dataset}/`, `_quarantine/${dataset}/`]),
    ),
    ...curatedObjects('read-write', '_ledger/', '_errors/'),
    ...s3KeyReadWrite,
  ],
  'record-fatal': [
    ...readParameters('endpoints'),
    ...invokeBroker,
    ...objectsReadWrite('curated', '_errors/', '_ledger/'),
    ...s3KeyReadWrite,
  ],
  // A failed settlement retrieval is placed by getReport: SP-API access, as record-fatal has.
  'record-outcome': [
    ...readParameters('endpoints'),
    ...invokeBroker,
    ...objectsReadWrite('curated', '_ledger/'),
    ...s3KeyReadWrite,
  ],
  'setup-subscriptions': [
    ...readParameters('accounts', 'endpoints'),
    ...invokeBroker,
    ...tableActions('notification_state', 'GetItem', 'PutItem', 'DeleteItem'),
  ],
  'consume-notifications': [
    ...notificationState,
    ...items('idempotency', 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'),
    ...consume('notifications'),
    `Allow sqs:SendMessage ${queue('listing_refresh')}`,
    `Allow kms:Decrypt ${lakeKey}${via('sqs')}`,
    `Allow kms:GenerateDataKey ${lakeKey}${via('sqs')}`,
    `Allow states:SendTaskFailure ${ingestion}`,
    `Allow states:SendTaskSuccess ${ingestion}`,
    'Allow states:StartExecution arn:{partition}:states:{region}:{account}:stateMachine:{prefix}-report-retrieval',
  ],
  // Lists getReports, reads what landed, starts retrievals and looks at failed ones; writes nothing.
  'sweep-settlements': [
    ...readParameters('accounts', 'endpoints'),
    ...invokeBroker,
    ...curatedObjects('read', '_manifests/reports/'),
    ...s3KeyRead,
    'Allow states:StartExecution arn:{partition}:states:{region}:{account}:stateMachine:{prefix}-report-retrieval',
    'Allow states:DescribeExecution arn:{partition}:states:{region}:{account}:execution:{prefix}-report-retrieval:*',
  ],
  'register-waiter': [
    ...notificationState,
    `Allow states:SendTaskFailure ${ingestion}`,
    `Allow states:SendTaskSuccess ${ingestion}`,
  ],
  'plan-catalog-refresh': readParameters('endpoints'),
  'fetch-listings': [
    ...readParameters('endpoints'),
    ...invokeBroker,
    ...curatedObjects('read-write-delete', 'listings_items/', 'listings_issues/'),
    ...curatedObjects('read-write', work),
    ...s3KeyReadWrite,
  ],
  'plan-catalog-chunks': [
    ...readParameters('endpoints'),
    ...curatedObjects('read-write', work),
    ...curatedObjects('read', '_inputs/catalog-refresh/'),
    ...s3KeyReadWrite,
    ...s3KeyRead,
  ],
  'fetch-catalog-chunk': [
    ...readParameters('endpoints'),
    ...invokeBroker,
    ...curatedObjects('read-write-delete', 'catalog_items/'),
    ...curatedObjects('read-write', work),
    ...s3KeyReadWrite,
  ],
  'finish-catalog-refresh': [
    ...readParameters('endpoints'),
    ...curatedObjects('read', work),
    ...curatedObjects('read-write', '_manifests/catalog-refresh/'),
    ...s3KeyRead,
    ...s3KeyReadWrite,
  ],
  'refresh-listings': [
    ...readParameters('accounts', 'endpoints'),
    ...invokeBroker,
    ...curatedObjects('read-write-delete', 'catalog_items/', 'listings_items/', 'listings_issues/'),
    ...s3KeyReadWrite,
    ...tableActions('sku_refreshes', 'GetItem', 'UpdateItem'),
    ...consume('listing_refresh'),
  ],
  'token-broker': [
    `Allow ssm:GetParameter ${parameter.accounts}`,
    `Allow ssm:GetParameter ${parameter.accounts}:*`,
    `Allow ssm:GetParameter ${parameter.endpoints}`,
    `Allow ssm:GetParameter ${parameter.endpoints}:*`,
    `Allow ssm:PutParameter ${parameter.accounts}`,
    `Allow secretsmanager:DescribeSecret ${clientCredentials}`,
    `Allow secretsmanager:GetSecretValue ${clientCredentials}`,
    `Allow secretsmanager:PutSecretValue ${clientCredentials}`,
    `Allow secretsmanager:UpdateSecretVersionStage ${clientCredentials}`,
    'Allow secretsmanager:GetSecretValue ${aws_secretsmanager_secret.configuration_state_signing_key.arn}',
    `Allow secretsmanager:CreateSecret ${refreshTokens}`,
    `Allow secretsmanager:GetSecretValue ${refreshTokens}`,
    `Allow secretsmanager:PutSecretValue ${refreshTokens}`,
    `Allow secretsmanager:TagResource ${refreshTokens}`,
    ...['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'].map(
      (action) => `Allow ${action} ${secretsKey}${via('secretsmanager')}`,
    ),
    ...tableActions('used_states', 'PutItem'),
    ...consume('application_notifications'),
  ],
};

describe('function roles', () => {
  let stack: SynthesizedStack;
  beforeAll(() => {
    stack = synthTestStack();
  });

  it('expects a permission list for exactly the functions of the catalog', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(FUNCTION_CATALOG.map((spec) => spec.id).sort());
  });

  it.each(Object.entries(EXPECTED))('gives %s exactly its permissions', (id, expected) => {
    const statements = roleStatements(stack, `functions_${id.replaceAll('-', '_')}_execution_role`);
    expect(permissionLines(statements).map(readable)).toEqual(
      [...base(id.replaceAll('-', '_')), ...expected].sort(),
    );
  });

  it('lets register-waiter read the subscription directory that setup-subscriptions writes', () => {
    const lines = (id: string) =>
      permissionLines(roleStatements(stack, `functions_${id}_execution_role`)).map(readable);
    const environment = (id: string) =>
      (
        resource(stack, 'aws_lambda_function', `functions_${id}_function`)['environment'] as {
          variables: Record<string, string>;
        }
      ).variables['NOTIFICATION_STATE_TABLE'];
    expect(lines('setup_subscriptions')).toContain(
      `Allow dynamodb:PutItem ${table('notification_state')}`,
    );
    expect(lines('register_waiter')).toContain(
      `Allow dynamodb:GetItem ${table('notification_state')}`,
    );
    expect(environment('register_waiter')).toBeDefined();
    expect(environment('register_waiter')).toBe(environment('setup_subscriptions'));
  });

  it('lets only the token broker near the LWA secrets and the secrets key', () => {
    for (const spec of FUNCTION_CATALOG.filter((candidate) => candidate.id !== 'token-broker')) {
      const lines = permissionLines(
        roleStatements(stack, `functions_${spec.id.replaceAll('-', '_')}_execution_role`),
      );
      expect(
        lines.filter((line) => line.includes('secretsmanager') || line.includes(secretsKey)),
      ).toEqual([]);
    }
  });
});
