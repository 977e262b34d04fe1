import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type SynthesizedStack, synthTestStack, testStackProps } from '../test/synth-test-stack';
import { ref, resource, resourcesOf } from '../test/terraform-json';
import { CODE_ATTRIBUTES_OWNED_BY_DEPLOYS } from './app-function';
import { FUNCTION_CATALOG } from './function-catalog';

const logical = (id: string) => id.replaceAll('-', '_');

describe('functions', () => {
  let stack: SynthesizedStack;
  const props = testStackProps();
  beforeAll(() => {
    stack = synthTestStack(props);
  });

  it('makes one function per catalog entry and nothing else', () => {
    expect(Object.keys(resourcesOf(stack, 'aws_lambda_function')).sort()).toEqual(
      FUNCTION_CATALOG.map((spec) => `functions_${logical(spec.id)}_function`).sort(),
    );
  });

  it.each(FUNCTION_CATALOG.map((spec) => [spec.id, spec] as const))(
    'runs %s on nodejs22.x arm64 from its app zip, with tracing and its own role',
    (_id, spec) => {
      const fn = resource(stack, 'aws_lambda_function', `functions_${logical(spec.id)}_function`);
      const zip = props.artifactZips[spec.app];
      expect(fn).toMatchObject({
        function_name: `\${var.name_prefix}-${spec.id}`,
        runtime: 'nodejs22.x',
        architectures: ['arm64'],
        handler: `main.${spec.exportName}`,
        memory_size: spec.memoryMb,
        timeout: spec.timeoutSeconds,
        publish: true,
        role: ref(`aws_iam_role.functions_${logical(spec.id)}_execution_role`, 'arn'),
        tracing_config: { mode: 'Active' },
        source_code_hash: createHash('sha256').update(readFileSync(zip)).digest('base64'),
        lifecycle: { ignore_changes: CODE_ATTRIBUTES_OWNED_BY_DEPLOYS },
      });
      expect(fn['filename']).toMatch(
        new RegExp(`^assets/artifacts_${logical(spec.app)}/[0-9A-F]+/${spec.app}\\.zip$`),
      );
      expect(
        resource(stack, 'aws_cloudwatch_log_group', `functions_${logical(spec.id)}_logs`),
      ).toEqual({
        name: `/aws/lambda/\${var.name_prefix}-${spec.id}`,
        retention_in_days: '${var.log_retention_days}',
      });
    },
  );

  it('shares one asset among the functions of an app', () => {
    const filenames = FUNCTION_CATALOG.filter((spec) => spec.app === 'report-creator').map(
      (spec) =>
        resource(stack, 'aws_lambda_function', `functions_${logical(spec.id)}_function`)[
          'filename'
        ],
    );
    expect(new Set(filenames).size).toBe(1);
  });

  it('gives every function a live alias that code deploys move (Terraform ignores its version)', () => {
    for (const spec of FUNCTION_CATALOG) {
      expect(
        resource(stack, 'aws_lambda_alias', `functions_${logical(spec.id)}_live`),
      ).toMatchObject({
        name: 'live',
        function_name: ref(
          `aws_lambda_function.functions_${logical(spec.id)}_function`,
          'function_name',
        ),
        function_version: ref(
          `aws_lambda_function.functions_${logical(spec.id)}_function`,
          'version',
        ),
        lifecycle: { ignore_changes: ['function_version'] },
      });
    }
  });

  it('sets each environment variable of the catalog', () => {
    const broker = resource(stack, 'aws_lambda_function', 'functions_token_broker_function');
    expect(broker['environment']).toEqual({
      variables: expect.objectContaining({
        PARAMETER_PREFIX: '/${var.name_prefix}',
        LWA_CLIENT_SECRET_ID: ref(
          'aws_secretsmanager_secret.configuration_client_credentials',
          'name',
        ),
        STATE_SIGNING_KEY_SECRET_ID: ref(
          'aws_secretsmanager_secret.configuration_state_signing_key',
          'name',
        ),
        REFRESH_TOKEN_SECRET_PREFIX: '${var.name_prefix}/refresh-tokens',
        USED_STATE_TABLE: ref('aws_dynamodb_table.state_used_states', 'name'),
        SP_API_APPLICATION_ID: '${var.spapi_application_id}',
        REDIRECT_URI: '${var.oauth_redirect_uri}',
        APP_DRAFT: '${tostring(var.spapi_app_draft)}',
      }),
    });
    for (const spec of FUNCTION_CATALOG) {
      const variables = (
        resource(stack, 'aws_lambda_function', `functions_${logical(spec.id)}_function`)[
          'environment'
        ] as { variables: Record<string, string> }
      ).variables;
      expect(Object.keys(variables).sort()).toEqual(
        [
          'NODE_OPTIONS',
          'POWERTOOLS_SERVICE_NAME',
          ...Object.keys(spec.environment),
          ...Object.keys(spec.fixedEnvironment ?? {}),
        ].sort(),
      );
      expect(variables['POWERTOOLS_SERVICE_NAME']).toBe(spec.app);
    }
  });

  it('feeds the notification queue to the consumer with partial batch responses', () => {
    expect(
      resource(
        stack,
        'aws_lambda_event_source_mapping',
        'functions_consume_notifications_queue_trigger',
      ),
    ).toMatchObject({
      function_name: ref('aws_lambda_alias.functions_consume_notifications_live', 'arn'),
      event_source_arn: ref('aws_sqs_queue.notifications_queue', 'arn'),
      batch_size: 10,
      maximum_batching_window_in_seconds: 5,
      function_response_types: ['ReportBatchItemFailures'],
      scaling_config: { maximum_concurrency: 5 },
      depends_on: ['aws_iam_role_policy.functions_consume_notifications_execution_policy'],
    });
  });

  it('feeds the application notification queue (APPLICATION_OAUTH_*) to the token broker', () => {
    expect(
      resource(stack, 'aws_lambda_event_source_mapping', 'functions_token_broker_queue_trigger'),
    ).toMatchObject({
      function_name: ref('aws_lambda_alias.functions_token_broker_live', 'arn'),
      event_source_arn: ref('aws_sqs_queue.application_notifications_queue', 'arn'),
      function_response_types: ['ReportBatchItemFailures'],
    });
    expect(Object.keys(resourcesOf(stack, 'aws_lambda_event_source_mapping'))).toHaveLength(3);
  });

  it('feeds the listing refresh queue to refreshListings, pacing each invocation at its share', () => {
    const mapping = resource(
      stack,
      'aws_lambda_event_source_mapping',
      'functions_refresh_listings_queue_trigger',
    );
    expect(mapping).toMatchObject({
      function_name: ref('aws_lambda_alias.functions_refresh_listings_live', 'arn'),
      event_source_arn: ref('aws_sqs_queue.listing_refresh_queue', 'arn'),
      batch_size: 25,
      maximum_batching_window_in_seconds: 30,
      function_response_types: ['ReportBatchItemFailures'],
      scaling_config: { maximum_concurrency: 2 },
      depends_on: ['aws_iam_role_policy.functions_refresh_listings_execution_policy'],
    });
    // Each of the mapping's concurrent invocations holds 1/N of the partner's usage plan.
    const variables = (
      resource(stack, 'aws_lambda_function', 'functions_refresh_listings_function')[
        'environment'
      ] as { variables: Record<string, string> }
    ).variables;
    expect(variables['RATE_LIMIT_SHARE']).toBe(
      String((mapping['scaling_config'] as { maximum_concurrency: number }).maximum_concurrency),
    );
    expect(variables['SKU_REFRESH_TABLE']).toBe(
      ref('aws_dynamodb_table.state_sku_refreshes', 'name'),
    );
  });

  it('configures the catalog-listings-fetcher functions as its README asks', () => {
    const variables = (id: string) =>
      (
        resource(stack, 'aws_lambda_function', `functions_${logical(id)}_function`)[
          'environment'
        ] as { variables: Record<string, string> }
      ).variables;
    for (const id of [
      'plan-catalog-refresh',
      'fetch-listings',
      'plan-catalog-chunks',
      'fetch-catalog-chunk',
      'finish-catalog-refresh',
      'refresh-listings',
    ]) {
      expect(variables(id)).toMatchObject({
        PARAMETER_PREFIX: '/${var.name_prefix}',
        CURATED_BUCKET: ref('aws_s3_bucket.lake_curated_bucket', 'bucket'),
        LAKE_KMS_KEY_ID: ref('aws_kms_key.keys_lake', 'arn'),
        TOKEN_BROKER_FUNCTION:
          'arn:${data.aws_partition.partition.partition}:lambda:${var.region}:${data.aws_caller_identity.caller.account_id}:function:${var.name_prefix}-token-broker:live',
        // Crawlers are `<prefix>-<dataset>`, not the app's default `spapi_lake_<dataset>`.
        CRAWLER_NAME_PREFIX: '${var.name_prefix}-',
      });
    }
    // The state machine's Maps run one listings lane and one catalog chunk at a time.
    expect(variables('fetch-listings')['RATE_LIMIT_SHARE']).toBe('1');
    expect(variables('fetch-catalog-chunk')['RATE_LIMIT_SHARE']).toBe('1');
  });

  it("gives the token broker's live alias a public Function URL that can only be invoked through the URL", () => {
    expect(resource(stack, 'aws_lambda_function_url', 'functions_token_broker_url')).toMatchObject({
      function_name: ref('aws_lambda_function.functions_token_broker_function', 'function_name'),
      qualifier: 'live',
      authorization_type: 'NONE',
    });
    expect(resourcesOf(stack, 'aws_lambda_permission')).toEqual({
      functions_token_broker_url_public_access: expect.objectContaining({
        action: 'lambda:InvokeFunctionUrl',
        principal: '*',
        qualifier: 'live',
        function_url_auth_type: 'NONE',
      }),
      functions_token_broker_url_invoke_only: expect.objectContaining({
        action: 'lambda:InvokeFunction',
        principal: '*',
        qualifier: 'live',
        invoked_via_function_url: true,
      }),
    });
    expect(stack.output['token_broker_url']).toMatchObject({
      value: ref('aws_lambda_function_url.functions_token_broker_url', 'function_url'),
    });
  });
});
