import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'cdktf';
import { FUNCTION_CATALOG } from '../functions/function-catalog';
import { UNSCOPED_ACTIONS } from '../iam/unscoped-actions';
import {
  type SynthesizedStack,
  WORKSPACE_ROOT,
  synthTestStack,
  testStackProps,
} from '../test/synth-test-stack';
import { allStrings, ref, resource, resourcesOf, statementsOf } from '../test/terraform-json';
import { STACK_INPUT_PATHS } from './load-stack-inputs';
import { SpapiLakeStack } from './spapi-lake-stack';

// Attributes whose value is JSON text (with Terraform references inside strings).
const JSON_ATTRIBUTES = [
  'policy',
  'assume_role_policy',
  'definition',
  'redrive_policy',
  'redrive_allow_policy',
  'event_pattern',
  'configuration',
  'insecure_value',
];

describe('the stack', () => {
  let stack: SynthesizedStack;
  beforeAll(() => {
    stack = synthTestStack();
  });

  const roles = () => Object.keys(resourcesOf(stack, 'aws_iam_role'));
  const inlineStatements = () =>
    Object.values(resourcesOf(stack, 'aws_iam_role_policy')).flatMap((policy) =>
      statementsOf(policy['policy']),
    );

  it('gives every role exactly one inline policy and attaches no managed policy', () => {
    const policyRoles = Object.values(resourcesOf(stack, 'aws_iam_role_policy')).map(
      (policy) => policy['role'],
    );
    expect(policyRoles.sort()).toEqual(
      roles()
        .map((role) => ref(`aws_iam_role.${role}`, 'id'))
        .sort(),
    );
    expect(stack.resource['aws_iam_role_policy_attachment']).toBeUndefined();
    expect(stack.resource['aws_iam_policy']).toBeUndefined();
  });

  it('lets each service role be assumed by its own service only', () => {
    const trusted = Object.fromEntries(
      Object.entries(resourcesOf(stack, 'aws_iam_role'))
        .filter(([name]) => name !== 'governance_analyst_role')
        .map(([name, role]) => {
          const [statement, ...others] = statementsOf(role['assume_role_policy']);
          expect(others).toEqual([]);
          expect(statement?.Action).toEqual(['sts:AssumeRole']);
          return [name, (statement?.Principal as { Service: string }).Service];
        }),
    );
    expect(trusted).toEqual({
      ...Object.fromEntries(
        FUNCTION_CATALOG.map((spec) => [
          `functions_${spec.id.replaceAll('-', '_')}_execution_role`,
          'lambda.amazonaws.com',
        ]),
      ),
      orchestration_report_ingestion_execution_role: 'states.amazonaws.com',
      orchestration_fan_out_execution_role: 'states.amazonaws.com',
      orchestration_report_retrieval_execution_role: 'states.amazonaws.com',
      orchestration_catalog_refresh_execution_role: 'states.amazonaws.com',
      schedules_scheduler_role: 'scheduler.amazonaws.com',
      catalog_crawler_role: 'glue.amazonaws.com',
      governance_registration_role: 'lakeformation.amazonaws.com',
    });
  });

  it('grants no wildcard action in any role', () => {
    const actions = inlineStatements().flatMap((statement) => statement.Action);
    expect(
      actions.filter((action) => action === '*' || action.endsWith(':*') || action.includes('*')),
    ).toEqual([]);
    expect(inlineStatements().every((statement) => statement.Effect === 'Allow')).toBe(true);
  });

  it('gives every statement of a policy its own Sid (IAM refuses duplicates)', () => {
    for (const policy of Object.values(resourcesOf(stack, 'aws_iam_role_policy'))) {
      const sids = statementsOf(policy['policy']).flatMap((statement) =>
        statement.Sid === undefined ? [] : [statement.Sid],
      );
      expect(sids).toEqual([...new Set(sids)]);
    }
  });

  it('uses a * resource only for actions that have no resource-level permissions', () => {
    const unscoped = inlineStatements()
      .filter((statement) => [statement.Resource ?? []].flat().includes('*'))
      .flatMap((statement) => statement.Action);
    expect(unscoped.length).toBeGreaterThan(0);
    expect(unscoped.filter((action) => !UNSCOPED_ACTIONS.has(action))).toEqual([]);
  });

  it('writes Terraform whose every reference points at something declared', () => {
    const declared = new Set([
      ...Object.entries(stack.resource).flatMap(([type, byName]) =>
        Object.keys(byName).map((name) => `${type}.${name}`),
      ),
      ...Object.entries(stack.data).flatMap(([type, byName]) =>
        Object.keys(byName).map((name) => `data.${type}.${name}`),
      ),
      ...Object.keys(stack.variable).map((name) => `var.${name}`),
      ...Object.keys(stack.locals ?? {}).map((name) => `local.${name}`),
      'each.key',
      'each.value',
    ]);
    const strings = allStrings({
      resource: stack.resource,
      data: stack.data,
      output: stack.output,
      locals: stack.locals,
    });
    expect(
      strings.filter((text) => text.includes('TfToken') || text.includes('undefined')),
    ).toEqual([]);
    const references = strings.flatMap((text) =>
      [
        ...text.matchAll(
          /\b(data\.[a-z0-9_]+\.[A-Za-z0-9_]+|aws_[a-z0-9_]+\.[A-Za-z0-9_]+|var\.[a-z0-9_]+|local\.[a-z0-9_]+|each\.(?:key|value))\b/g,
        ),
      ].map((match) => match[1] ?? ''),
    );
    // depends_on entries are bare addresses; interpolations are `${…}`. Both must resolve.
    expect([...new Set(references)].filter((reference) => !declared.has(reference))).toEqual([]);
  });

  it('writes JSON attributes that parse once Terraform fills in the references', () => {
    for (const [type, byName] of Object.entries(stack.resource)) {
      for (const [name, body] of Object.entries(byName)) {
        for (const attribute of JSON_ATTRIBUTES) {
          const value = body[attribute];
          if (typeof value !== 'string' || value.startsWith('${jsonencode(')) continue;
          if (type === 'aws_ssm_parameter' && value.startsWith('${var.')) continue;
          expect(() => JSON.parse(value)).not.toThrow(`${type}.${name}.${attribute}`);
        }
      }
    }
  });

  it('requires an AWS provider with invoked_via_function_url and names the stack in default tags', () => {
    expect(stack.terraform['required_providers']).toEqual({
      aws: { source: 'aws', version: '>= 6.28.0, < 7.0.0' },
    });
    expect(stack.terraform['required_version']).toBe('>= 1.10.0');
    expect(stack.provider['aws']).toEqual([
      {
        region: '${var.region}',
        default_tags: [{ tags: { project: 'spapi-lake', stack: '${var.name_prefix}' } }],
      },
    ]);
  });

  it('declares the stage settings as variables, the report configs defaulting to the typed config', () => {
    expect(Object.keys(stack.variable).sort()).toEqual(
      [
        'accounts_json',
        'alarm_action_arns',
        'analyst_principal_arns',
        'athena_bytes_scanned_cutoff',
        'catalog_refreshes_json',
        'client_secret_rotation_schedule',
        'crawler_schedule',
        'credential_expiry_check_schedule',
        'endpoints_json',
        'lake_admin_arns',
        'log_retention_days',
        'name_prefix',
        'oauth_redirect_uri',
        'partner_event_source_name',
        'region',
        'report_configs_json',
        'rotation_region',
        'spapi_app_draft',
        'settlement_sweep_schedule',
        'spapi_application_id',
        'subscription_setup_schedule',
      ].sort(),
    );
    const configFile = readFileSync(
      path.join(WORKSPACE_ROOT, STACK_INPUT_PATHS.reportConfigs),
      'utf8',
    );
    expect(JSON.parse(stack.variable['report_configs_json']?.['default'] as string)).toEqual(
      JSON.parse(configFile),
    );
  });

  it('keeps secret values out of code and state: secrets are created empty', () => {
    expect(Object.keys(resourcesOf(stack, 'aws_secretsmanager_secret')).sort()).toEqual([
      'configuration_client_credentials',
      'configuration_state_signing_key',
    ]);
    for (const secret of Object.values(resourcesOf(stack, 'aws_secretsmanager_secret'))) {
      expect(secret['kms_key_id']).toBe(ref('aws_kms_key.keys_secrets', 'arn'));
    }
    const types = Object.keys(stack.resource);
    expect(types.filter((type) => /secret_version|random|tls_private_key/.test(type))).toEqual([]);
  });

  it('keeps the configuration in SSM: the broker owns the account list after it is seeded', () => {
    expect(resource(stack, 'aws_ssm_parameter', 'configuration_accounts')).toMatchObject({
      name: '/${var.name_prefix}/accounts',
      insecure_value: '${var.accounts_json}',
      lifecycle: { ignore_changes: ['insecure_value', 'value'] },
    });
    expect(resource(stack, 'aws_ssm_parameter', 'configuration_report_configs')).toMatchObject({
      name: '/${var.name_prefix}/report-configs',
      insecure_value: '${var.report_configs_json}',
    });
    expect(resource(stack, 'aws_ssm_parameter', 'configuration_endpoints')).toMatchObject({
      count: '${min(length(var.endpoints_json), 1)}',
      name: '/${var.name_prefix}/endpoints',
    });
  });

  it.each([
    ['lane_states', 'pk', 'expiresAt'],
    ['report_requests', 'pk', 'expiresAt'],
    ['notification_state', 'pk', 'expiresAt'],
    ['idempotency', 'id', 'expiration'],
    ['used_states', 'pk', 'expiresAt'],
    ['sku_refreshes', 'pk', 'expiresAt'],
  ])(
    'keeps %s in an encrypted, recoverable DynamoDB table keyed as its store writes',
    (table, key, ttl) => {
      expect(resource(stack, 'aws_dynamodb_table', `state_${table}`)).toMatchObject({
        name: `\${var.name_prefix}-${table.replaceAll('_', '-')}`,
        billing_mode: 'PAY_PER_REQUEST',
        hash_key: key,
        attribute: [{ name: key, type: 'S' }],
        ttl: { attribute_name: ttl, enabled: true },
        server_side_encryption: {
          enabled: true,
          kms_key_arn: ref('aws_kms_key.keys_lake', 'arn'),
        },
        point_in_time_recovery: { enabled: true },
      });
    },
  );

  it('alarms on dead-letter queues, failed executions, Lambda errors and throttles, and undelivered events', () => {
    const alarms = Object.values(resourcesOf(stack, 'aws_cloudwatch_metric_alarm'));
    const watched = alarms.map(
      (alarm) =>
        `${alarm['namespace']} ${alarm['metric_name']} ${JSON.stringify(alarm['dimensions'])}`,
    );
    expect(watched).toEqual(
      expect.arrayContaining([
        `AWS/SQS ApproximateNumberOfMessagesVisible {"QueueName":"${ref('aws_sqs_queue.notifications_dlq', 'name')}"}`,
        `AWS/SQS ApproximateNumberOfMessagesVisible {"QueueName":"${ref('aws_sqs_queue.application_notifications_dlq', 'name')}"}`,
        `AWS/SQS ApproximateNumberOfMessagesVisible {"QueueName":"${ref('aws_sqs_queue.listing_refresh_dlq', 'name')}"}`,
        ...['report_ingestion', 'fan_out', 'report_retrieval', 'catalog_refresh'].flatMap(
          (machine) =>
            ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted'].map(
              (metric) =>
                `AWS/States ${metric} {"StateMachineArn":"${ref(`aws_sfn_state_machine.orchestration_${machine}_state_machine`, 'arn')}"}`,
            ),
        ),
        ...FUNCTION_CATALOG.flatMap((spec) =>
          ['Errors', 'Throttles'].map(
            (metric) => `AWS/Lambda ${metric} {"FunctionName":"\${var.name_prefix}-${spec.id}"}`,
          ),
        ),
      ]),
    );
    const ruleAlarms = alarms.filter((alarm) => alarm['namespace'] === 'AWS/Events');
    expect(ruleAlarms.map((alarm) => alarm['metric_name'])).toEqual([
      'FailedInvocations',
      'InvocationsFailedToBeSentToDlq',
    ]);
    for (const alarm of ruleAlarms) {
      // Only once the rule exists: a CloudWatch dimension may not be empty.
      expect(alarm).toMatchObject({
        count: '${min(length(var.partner_event_source_name), 1)}',
        dimensions: {
          EventBusName: '${var.partner_event_source_name}',
          RuleName: '${var.name_prefix}-listings-notifications',
        },
      });
    }
    expect(alarms).toHaveLength(3 + 4 * 3 + FUNCTION_CATALOG.length * 2 + 2);
    for (const alarm of alarms) {
      expect(alarm).toMatchObject({
        threshold: 1,
        comparison_operator: 'GreaterThanOrEqualToThreshold',
        alarm_actions: '${var.alarm_action_arns}',
        treat_missing_data: 'notBreaching',
      });
    }
  });

  it('publishes the deploy manifest: per app its functions, the alias and the artifact bucket', () => {
    const manifest = resource(stack, 'aws_ssm_parameter', 'deploy_manifest_parameter');
    expect(manifest['name']).toBe('/${var.name_prefix}/deploy/manifest');
    expect(JSON.parse(manifest['insecure_value'] as string)).toEqual({
      artifactBucket: ref('aws_s3_bucket.lake_artifacts_bucket', 'bucket'),
      alias: 'live',
      apps: {
        'report-creator': [
          'create-report',
          'plan-windows',
          'claim-window',
          'complete-window',
          'record-window-failure',
        ].map((id) => `\${var.name_prefix}-${id}`),
        'report-retriever': [
          'get-report-status',
          'retrieve-report',
          'record-fatal',
          'record-outcome',
        ].map((id) => `\${var.name_prefix}-${id}`),
        'notification-subscriber': [
          'setup-subscriptions',
          'consume-notifications',
          'sweep-settlements',
          'register-waiter',
        ].map((id) => `\${var.name_prefix}-${id}`),
        'token-broker': ['${var.name_prefix}-token-broker'],
        'catalog-listings-fetcher': [
          'plan-catalog-refresh',
          'fetch-listings',
          'plan-catalog-chunks',
          'fetch-catalog-chunk',
          'finish-catalog-refresh',
          'refresh-listings',
        ].map((id) => `\${var.name_prefix}-${id}`),
      },
    });
    expect(stack.output['deploy_manifest_parameter']).toMatchObject({
      value: ref('aws_ssm_parameter.deploy_manifest_parameter', 'name'),
    });
  });
});

describe('state backend', () => {
  it('keeps local state outside cdktf.out by default', () => {
    expect(synthTestStack().terraform['backend']).toEqual({
      local: { path: '../../../.terraform-state/test.tfstate' },
    });
  });

  it('uses S3 with native locking when a state bucket is given', () => {
    const backend = synthTestStack({
      backend: { bucket: 'state-bucket', key: 'spapi-lake/prod.tfstate', region: 'eu-west-1' },
    }).terraform['backend'];
    expect(backend).toEqual({
      s3: {
        bucket: 'state-bucket',
        key: 'spapi-lake/prod.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
  });
});

describe('synth to disk', () => {
  it('writes cdk.tf.json with every app zip copied where the functions reference it', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'infra-synth-'));
    const app = new App({ outdir });
    new SpapiLakeStack(app, 'spapi-lake', testStackProps());
    app.synth();
    const stackDir = path.join(outdir, 'stacks', 'spapi-lake');
    const synthesized = JSON.parse(
      readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'),
    ) as SynthesizedStack;
    for (const fn of Object.values(resourcesOf(synthesized, 'aws_lambda_function'))) {
      expect(existsSync(path.join(stackDir, fn['filename'] as string))).toBe(true);
    }
  });
});
