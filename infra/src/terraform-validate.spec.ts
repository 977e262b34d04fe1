import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'cdktf';
import { FUNCTION_CATALOG } from './functions/function-catalog';
import { SP_API_NOTIFICATION_PRINCIPAL } from './lake/sp-api-principal';
import { STACK_INPUT_PATHS, WORKFLOW_FILES } from './stack/load-stack-inputs';
import { STACK_NAME, SpapiLakeStack } from './stack/spapi-lake-stack';
import { type FakeAwsEndpoints, startFakeAwsEndpoints } from './test/fake-aws-endpoints';
import { type MirrorCopy, copyForProviderMirror } from './test/provider-mirror-copy';
import {
  WORKSPACE_ROOT,
  exportedDatasets,
  exportedWorkflowFile,
  testStackProps,
} from './test/synth-test-stack';
import { findTerraformToolchain, runTerraform } from './test/terraform-toolchain';
import {
  CATALOG_REFRESH_FUNCTION_BINDINGS,
  FAN_OUT_FUNCTION_BINDINGS,
  INGESTION_FUNCTION_BINDINGS,
  INGESTION_STATE_MACHINE_PLACEHOLDER,
  RETRIEVAL_FUNCTION_BINDINGS,
} from './workflows/workflow-bindings';

// The synthesized stack through real Terraform, offline: `init` from the provider mirror,
// `validate`, and `plan` with fake credentials against loopback STS and Step Functions endpoints
// (the plan's only AWS calls: the caller identity and definition validation; nothing leaves the
// machine). What apply would create is then asserted on `terraform show -json`. Nothing is
// applied, and no AWS API has judged anything.

const toolchain = findTerraformToolchain();
const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const PREFIX = 'spapi-lake-prod';
/** The shipped constraint's lowest version: `invoked_via_function_url` arrived in 6.28.0. */
const SHIPPED_MINIMUM = [6, 28, 0] as const;

interface PlannedChange {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly after: Record<string, unknown>;
    readonly after_unknown: Record<string, unknown>;
  };
}
interface Plan {
  readonly resource_changes: readonly PlannedChange[];
  readonly errored: boolean;
}
interface ValidateOutput {
  readonly valid: boolean;
  readonly error_count: number;
  readonly warning_count: number;
  readonly diagnostics: readonly { severity: string; summary: string; detail?: string }[];
}

const versionParts = (version: string) => version.split('.').map(Number);
const compareVersions = (a: readonly number[], b: readonly number[]) =>
  (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0) || (a[2] ?? 0) - (b[2] ?? 0);

/** A mirrored version the shipped constraint (>= 6.28.0, < 7.0.0) accepts, if any. */
function satisfyingShipped(versions: readonly string[]): string | undefined {
  return versions.find((version) => {
    const parts = versionParts(version);
    return parts[0] === 6 && compareVersions(parts, SHIPPED_MINIMUM) >= 0;
  });
}

/** The newest version the mirror holds. */
function newestOf(versions: readonly string[]): string {
  const sorted = [...versions].sort((a, b) => compareVersions(versionParts(a), versionParts(b)));
  return sorted.at(-1) ?? '';
}

/** The stage variables: the example stage, with the partner bus and endpoint overrides set too. */
function testVariables(): Record<string, unknown> {
  const example = JSON.parse(
    readFileSync(path.join(WORKSPACE_ROOT, 'infra/config/example.tfvars.json'), 'utf8'),
  ) as Record<string, unknown>;
  return {
    ...example,
    name_prefix: PREFIX,
    region: REGION,
    partner_event_source_name: `aws.partner/sellingpartnerapi.amazon.com/${ACCOUNT}/amzn1.sp.solution.test`,
    endpoints_json: JSON.stringify({ NA: 'https://sandbox.sellingpartnerapi-na.amazon.com' }),
    analyst_principal_arns: [`arn:aws:iam::${ACCOUNT}:role/analyst`],
    alarm_action_arns: [`arn:aws:sns:${REGION}:${ACCOUNT}:alarms`],
  };
}

const enabledReportConfigs = (
  JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, STACK_INPUT_PATHS.reportConfigs), 'utf8')) as {
    enabled?: boolean;
  }[]
).filter((config) => config.enabled !== false).length;

if (!toolchain.available) {
  describe('terraform validate and plan of the synthesized stack', () => {
    it(`cannot run here: ${toolchain.reason}`, () => {
      // CI runs on machines that have both; their absence there is a broken environment.
      const ci = process.env['CI'];
      if (ci !== undefined && ci !== '' && ci !== 'false') {
        throw new Error(`CI=${ci}, but the Terraform check cannot run: ${toolchain.reason}`);
      }
      console.warn(`terraform-validate.spec.ts did not run: ${toolchain.reason}`);
    });
  });
} else {
  describe(`terraform ${toolchain.version} validate and plan of the synthesized stack (offline, AWS provider mirror ${toolchain.mirror})`, () => {
    const workDir = mkdtempSync(path.join(tmpdir(), 'spapi-lake-terraform-'));
    const stackDir = path.join(workDir, 'cdktf.out', 'stacks', STACK_NAME);
    const terraform = (args: readonly string[]) =>
      runTerraform(toolchain.terraform, stackDir, workDir, args);
    let synthesized: Record<string, unknown>;
    let copy: MirrorCopy;
    let validation: ValidateOutput;
    let plan: Plan;
    let awsCalls: readonly string[];

    beforeAll(async () => {
      const app = new App({ outdir: path.join(workDir, 'cdktf.out') });
      new SpapiLakeStack(app, STACK_NAME, testStackProps());
      app.synth();
      const file = path.join(stackDir, 'cdk.tf.json');
      const json = readFileSync(file, 'utf8');
      synthesized = JSON.parse(json) as Record<string, unknown>;
      // A mirror with a 6.28+ provider validates the stack as shipped; else a copy (see README).
      copy = satisfyingShipped(toolchain.awsProviderVersions)
        ? { json, shippedConstraint: '', removedArguments: [] }
        : copyForProviderMirror(json, `= ${newestOf(toolchain.awsProviderVersions)}`);
      writeFileSync(file, copy.json);
      writeFileSync(path.join(stackDir, 'test.tfvars.json'), JSON.stringify(testVariables()));

      let aws: FakeAwsEndpoints | undefined;
      try {
        aws = await startFakeAwsEndpoints({
          account: ACCOUNT,
          arn: `arn:aws:iam::${ACCOUNT}:user/deployer`,
        });
        // Test-only override (never shipped): fake credentials, no metadata or account lookups,
        // STS and Step Functions on loopback, state in the temporary directory.
        writeFileSync(
          path.join(stackDir, 'test_override.tf.json'),
          JSON.stringify({
            terraform: { backend: { local: { path: path.join(workDir, 'terraform.tfstate') } } },
            provider: {
              aws: {
                access_key: 'AKIAFAKEFAKEFAKEFAKE',
                secret_key: 'fake-secret-key',
                skip_credentials_validation: true,
                skip_requesting_account_id: true,
                skip_metadata_api_check: true,
                skip_region_validation: true,
                endpoints: [{ sts: aws.endpoint, sfn: aws.endpoint }],
              },
            },
          }),
        );
        await terraform(['init', '-input=false', `-plugin-dir=${toolchain.mirror}`]);
        validation = JSON.parse((await terraform(['validate', '-json'])).stdout) as ValidateOutput;
        await terraform([
          'plan',
          '-input=false',
          '-lock=false',
          '-var-file=test.tfvars.json',
          '-out=tfplan',
        ]);
        plan = JSON.parse((await terraform(['show', '-json', 'tfplan'])).stdout) as Plan;
        awsCalls = [...aws.calls];
      } finally {
        await aws?.close();
      }
    }, 600_000);

    afterAll(() => rmSync(workDir, { recursive: true, force: true }));

    const changes = (type: string) =>
      plan.resource_changes.filter((change) => change.mode === 'managed' && change.type === type);
    const planned = (address: string): PlannedChange => {
      const found = plan.resource_changes.find((change) => change.address === address);
      if (!found) throw new Error(`${address} is not in the plan`);
      return found;
    };
    const arn = (service: string, resource: string) =>
      `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;

    it('validates with no error and no warning', () => {
      expect(validation.diagnostics).toEqual([]);
      expect(validation).toMatchObject({ valid: true, error_count: 0, warning_count: 0 });
    });

    it('leaves out of the mirror copy only the 6.28 argument the shipped constraint asks 6.28 for', () => {
      expect(
        (synthesized['terraform'] as { required_providers: { aws: { version: string } } })
          .required_providers.aws.version,
      ).toBe('>= 6.28.0, < 7.0.0');
      if (satisfyingShipped(toolchain.awsProviderVersions)) {
        expect(copy.removedArguments).toEqual([]);
      } else {
        expect(copy.removedArguments).toEqual([
          'aws_lambda_permission.functions_token_broker_url_invoke_only.invoked_via_function_url',
        ]);
      }
    });

    it('plans with no AWS calls but GetCallerIdentity and a definition check per machine, on loopback', () => {
      expect(plan.errored).toBe(false);
      expect([...awsCalls].sort()).toEqual([
        'states:ValidateStateMachineDefinition',
        'states:ValidateStateMachineDefinition',
        'states:ValidateStateMachineDefinition',
        'states:ValidateStateMachineDefinition',
        'sts:GetCallerIdentity',
      ]);
    });

    it('plans to create every resource, and how many of each type', () => {
      const functions = FUNCTION_CATALOG.length;
      const machines = 4;
      const deadLetterQueues = 3;
      const counts: Record<string, number> = {};
      for (const change of plan.resource_changes.filter(({ mode }) => mode === 'managed')) {
        expect(change.change.actions).toEqual(['create']);
        counts[change.type] = (counts[change.type] ?? 0) + 1;
      }
      expect(counts).toEqual({
        aws_athena_workgroup: 1,
        aws_cloudwatch_event_bus: 1,
        aws_cloudwatch_event_rule: 1,
        aws_cloudwatch_event_target: 1,
        aws_cloudwatch_log_group: functions + machines,
        // Errors and throttles per function, failed/timed-out/aborted per machine, depth per DLQ,
        // failed and failed-to-dead-letter deliveries of the listings rule.
        aws_cloudwatch_metric_alarm: 2 * functions + 3 * machines + deadLetterQueues + 2,
        aws_dynamodb_table: 6,
        aws_glue_catalog_database: 1,
        aws_glue_crawler: exportedDatasets().length,
        // One per function and machine, the scheduler, the crawler, the analyst, the LF location.
        aws_iam_role: functions + machines + 4,
        aws_iam_role_policy: functions + machines + 4,
        aws_kms_alias: 2,
        aws_kms_key: 2,
        aws_lakeformation_data_lake_settings: 1,
        aws_lakeformation_permissions: 5,
        aws_lakeformation_resource: 1,
        aws_lambda_alias: functions,
        aws_lambda_event_source_mapping: FUNCTION_CATALOG.filter((spec) => spec.queueTrigger)
          .length,
        aws_lambda_function: functions,
        aws_lambda_function_url: 1,
        aws_lambda_permission: 2,
        aws_s3_bucket: 5,
        aws_s3_bucket_lifecycle_configuration: 5,
        aws_s3_bucket_logging: 4,
        aws_s3_bucket_ownership_controls: 5,
        aws_s3_bucket_policy: 5,
        aws_s3_bucket_public_access_block: 5,
        aws_s3_bucket_server_side_encryption_configuration: 5,
        aws_s3_bucket_versioning: 5,
        // Enabled report configs, the example's one catalog refresh, rotation, expiry, setup,
        // settlement sweep.
        aws_scheduler_schedule: enabledReportConfigs + 1 + 4,
        aws_scheduler_schedule_group: 1,
        aws_secretsmanager_secret: 2,
        aws_sfn_state_machine: machines,
        aws_sqs_queue: 6,
        aws_sqs_queue_policy: 6,
        aws_sqs_queue_redrive_allow_policy: 3,
        aws_ssm_parameter: 4,
      });
    });

    it('plans both KMS keys with rotation, the lake key open to SP-API through SQS only', () => {
      for (const key of changes('aws_kms_key')) {
        expect(key.change.after['enable_key_rotation']).toBe(true);
      }
      const policy = JSON.parse(planned('aws_kms_key.keys_lake').change.after['policy'] as string);
      expect(policy.Statement).toContainEqual({
        Sid: 'SellingPartnerApiSendsToEncryptedQueues',
        Effect: 'Allow',
        Principal: { AWS: SP_API_NOTIFICATION_PRINCIPAL },
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': `sqs.${REGION}.amazonaws.com` } },
      });
      const secrets = JSON.parse(
        planned('aws_kms_key.keys_secrets').change.after['policy'] as string,
      );
      expect(JSON.stringify(secrets)).not.toContain('437568002678');
    });

    it('plans SSE-KMS with bucket keys on the data buckets and SSE-S3 on the access logs', () => {
      for (const bucket of ['raw', 'curated', 'athena_results', 'artifacts']) {
        const change = planned(
          `aws_s3_bucket_server_side_encryption_configuration.lake_${bucket}_encryption`,
        ).change;
        expect(change.after['rule']).toEqual([
          {
            apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }],
            bucket_key_enabled: true,
          },
        ]);
        // The lake key's ARN, known once the key exists.
        expect(change.after_unknown['rule']).toEqual([
          { apply_server_side_encryption_by_default: [{ kms_master_key_id: true }] },
        ]);
      }
      expect(
        planned('aws_s3_bucket_server_side_encryption_configuration.lake_access_logs_encryption')
          .change.after['rule'],
      ).toEqual([
        {
          apply_server_side_encryption_by_default: [
            { kms_master_key_id: '', sse_algorithm: 'AES256' },
          ],
          bucket_key_enabled: null,
        },
      ]);
    });

    it('plans the SP-API destination queues to accept SendMessage from account 437568002678', () => {
      for (const queue of ['notifications', 'application_notifications']) {
        const policy = JSON.parse(
          planned(`aws_sqs_queue_policy.${queue}_policy`).change.after['policy'] as string,
        );
        expect(policy.Statement).toContainEqual({
          Sid: 'SellingPartnerApiSends',
          Effect: 'Allow',
          Principal: { AWS: SP_API_NOTIFICATION_PRINCIPAL },
          Action: ['sqs:SendMessage', 'sqs:GetQueueAttributes'],
          Resource: arn('sqs', `${PREFIX}-${queue.replace('_', '-')}`),
        });
      }
      const workQueue = JSON.parse(
        planned('aws_sqs_queue_policy.listing_refresh_policy').change.after['policy'] as string,
      );
      expect(JSON.stringify(workQueue)).not.toContain('437568002678');
    });

    it('plans every function on nodejs22.x, arm64, active tracing, its catalog handler', () => {
      const functions = changes('aws_lambda_function');
      expect(functions.map((change) => change.change.after['function_name']).sort()).toEqual(
        FUNCTION_CATALOG.map((spec) => `${PREFIX}-${spec.id}`).sort(),
      );
      for (const spec of FUNCTION_CATALOG) {
        const after = functions.find(
          (change) => change.change.after['function_name'] === `${PREFIX}-${spec.id}`,
        )?.change.after;
        expect(after).toMatchObject({
          runtime: 'nodejs22.x',
          architectures: ['arm64'],
          handler: `main.${spec.exportName}`,
          memory_size: spec.memoryMb,
          timeout: spec.timeoutSeconds,
          tracing_config: [{ mode: 'Active' }],
        });
      }
    });

    it.each([
      ['report_ingestion', WORKFLOW_FILES.reportIngestion, INGESTION_FUNCTION_BINDINGS],
      ['fan_out', WORKFLOW_FILES.fanOut, FAN_OUT_FUNCTION_BINDINGS],
      ['report_retrieval', WORKFLOW_FILES.reportRetrieval, RETRIEVAL_FUNCTION_BINDINGS],
      ['catalog_refresh', WORKFLOW_FILES.catalogRefresh, CATALOG_REFRESH_FUNCTION_BINDINGS],
    ] as const)(
      'plans the %s definition in full: the exported one, bound to the live aliases',
      (machine, file, bindings) => {
        const arns: Record<string, string> = {
          ...Object.fromEntries(
            Object.entries(bindings).map(([placeholder, id]) => [
              placeholder,
              arn('lambda', `function:${PREFIX}-${id}:live`),
            ]),
          ),
          [INGESTION_STATE_MACHINE_PLACEHOLDER]: arn(
            'states',
            `stateMachine:${PREFIX}-report-ingestion`,
          ),
        };
        const expected = JSON.parse(
          exportedWorkflowFile(file).replace(
            /\$\{([a-z0-9_]+)\}/g,
            (_match, name: string) => arns[name] ?? `unbound ${name}`,
          ),
        );
        const change = planned(`aws_sfn_state_machine.orchestration_${machine}_state_machine`);
        expect(change.change.after_unknown['definition']).toBeUndefined();
        expect(JSON.parse(change.change.after['definition'] as string)).toEqual(expected);
        expect(change.change.after).toMatchObject({
          name: `${PREFIX}-${machine.replaceAll('_', '-')}`,
          type: 'STANDARD',
          tracing_configuration: [{ enabled: true }],
        });
      },
    );
  });
}
