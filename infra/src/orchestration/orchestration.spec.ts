import aslValidator from 'asl-validator';
import { SCHEDULE_PRESETS } from '@spapi-lake/config';
import { readable } from '../test/readable';
import { WORKFLOW_FILES } from '../stack/load-stack-inputs';
import {
  type SynthesizedStack,
  exportedDatasets,
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
import { bindPlaceholders, placeholdersOf } from '../workflows/bind-placeholders';

// Definitions and their roles name functions and the ingestion machine by name-built ARNs (known
// at plan time); schedules still reference the alias resource.
const aliasRef = (id: string) => ref(`aws_lambda_alias.functions_${id}_live`, 'arn');
const arnOf = (service: string, resource: string) =>
  `arn:\${data.aws_partition.partition.partition}:${service}:\${var.region}:\${data.aws_caller_identity.caller.account_id}:${resource}`;
const alias = (id: string) =>
  arnOf('lambda', `function:\${var.name_prefix}-${id.replaceAll('_', '-')}:live`);
const ingestionMachine = arnOf('states', 'stateMachine:${var.name_prefix}-report-ingestion');

const INGESTION_REFERENCES: Record<string, string> = {
  create_report_function_arn: alias('create_report'),
  register_report_waiter_function_arn: alias('register_waiter'),
  get_report_status_function_arn: alias('get_report_status'),
  retrieve_report_function_arn: alias('retrieve_report'),
  record_fatal_function_arn: alias('record_fatal'),
  record_outcome_function_arn: alias('record_outcome'),
};
const FAN_OUT_REFERENCES: Record<string, string> = {
  plan_windows_function_arn: alias('plan_windows'),
  claim_window_function_arn: alias('claim_window'),
  complete_window_function_arn: alias('complete_window'),
  record_window_failure_function_arn: alias('record_window_failure'),
  ingestion_state_machine_arn: ingestionMachine,
};

const RETRIEVAL_REFERENCES: Record<string, string> = {
  retrieve_report_function_arn: alias('retrieve_report'),
  record_outcome_function_arn: alias('record_outcome'),
};
const CATALOG_REFRESH_REFERENCES: Record<string, string> = {
  plan_refresh_function_arn: alias('plan_catalog_refresh'),
  fetch_listings_function_arn: alias('fetch_listings'),
  plan_catalog_function_arn: alias('plan_catalog_chunks'),
  fetch_catalog_chunk_function_arn: alias('fetch_catalog_chunk'),
  finish_refresh_function_arn: alias('finish_catalog_refresh'),
};

const MACHINES = [
  ['report_ingestion', WORKFLOW_FILES.reportIngestion, INGESTION_REFERENCES],
  ['fan_out', WORKFLOW_FILES.fanOut, FAN_OUT_REFERENCES],
  ['report_retrieval', WORKFLOW_FILES.reportRetrieval, RETRIEVAL_REFERENCES],
  ['catalog_refresh', WORKFLOW_FILES.catalogRefresh, CATALOG_REFRESH_REFERENCES],
] as const;
const MACHINE_NAMES = MACHINES.map(([name]) => name);

/** The crawler ARNs (name-built) of the datasets whose crawler `starter` starts. */
function crawlersStartedBy(starter: string): string[] {
  return exportedDatasets()
    .filter((dataset) => dataset.crawlerStartedBy.some((name) => name === starter))
    .map(
      (dataset) =>
        `Allow glue:StartCrawler arn:{partition}:glue:{region}:{account}:crawler/{prefix}-${dataset.name}`,
    );
}

function withReferences(template: string, references: Record<string, string>): unknown {
  return JSON.parse(
    template.replace(
      /\$\{([a-z0-9_]+)\}/g,
      (_match, name: string) => references[name] ?? 'unbound',
    ),
  );
}

// What the partition, region, account and prefix become once applied, so asl-validator can check ARNs.
function sampleArns(definition: string): unknown {
  return JSON.parse(
    definition
      .replaceAll('${data.aws_partition.partition.partition}', 'aws')
      .replaceAll('${var.region}', 'eu-west-1')
      .replaceAll('${data.aws_caller_identity.caller.account_id}', '123456789012')
      .replaceAll('${var.name_prefix}', 'spapi-lake-test'),
  );
}

describe('orchestration', () => {
  let stack: SynthesizedStack;
  beforeAll(() => {
    stack = synthTestStack();
  });
  const machine = (name: string) =>
    resource(stack, 'aws_sfn_state_machine', `orchestration_${name}_state_machine`);

  it('deploys exactly the four state machines of libs/workflows', () => {
    expect(Object.keys(resourcesOf(stack, 'aws_sfn_state_machine')).sort()).toEqual(
      MACHINE_NAMES.map((name) => `orchestration_${name}_state_machine`).sort(),
    );
  });

  it.each(MACHINES)(
    'deploys the %s definition libs/workflows produces (asl-export), its ARNs bound to the live aliases',
    (name, file, references) => {
      const template = exportedWorkflowFile(file);
      expect(placeholdersOf(template)).toEqual(Object.keys(references).sort());
      expect(JSON.parse(machine(name)['definition'] as string)).toEqual(
        withReferences(template, references),
      );
    },
  );

  it.each(MACHINE_NAMES)('deploys a %s definition asl-validator accepts', (name) => {
    const result = aslValidator(sampleArns(machine(name)['definition'] as string), {
      checkPaths: true,
      checkArn: true,
    });
    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
  });

  it.each(MACHINE_NAMES)(
    'runs %s as a STANDARD machine with error logging and X-Ray tracing',
    (name) => {
      expect(machine(name)).toMatchObject({
        name: `\${var.name_prefix}-${name.replace('_', '-')}`,
        type: 'STANDARD',
        role_arn: ref(`aws_iam_role.orchestration_${name}_execution_role`, 'arn'),
        logging_configuration: {
          log_destination: `${ref(`aws_cloudwatch_log_group.orchestration_${name}_logs`, 'arn')}:*`,
          include_execution_data: true,
          level: 'ERROR',
        },
        tracing_configuration: { enabled: true },
      });
    },
  );

  const logDelivery = [
    'logs:CreateLogDelivery',
    'logs:DeleteLogDelivery',
    'logs:DescribeLogGroups',
    'logs:DescribeResourcePolicies',
    'logs:GetLogDelivery',
    'logs:ListLogDeliveries',
    'logs:PutResourcePolicy',
    'logs:UpdateLogDelivery',
    'xray:GetSamplingRules',
    'xray:GetSamplingTargets',
    'xray:PutTelemetryRecords',
    'xray:PutTraceSegments',
  ].map((action) => `Allow ${action} *`);

  it('lets the ingestion invoke exactly its six functions and start the requested datasets’ crawlers', () => {
    const crawlers = crawlersStartedBy('report-ingestion');
    expect(crawlers.join()).toContain('{prefix}-orders_by_order_date');
    expect(crawlers.join()).not.toContain('settlements');
    expect(crawlers.join()).not.toContain('catalog_items');
    expect(
      permissionLines(roleStatements(stack, 'orchestration_report_ingestion_execution_role')).map(
        readable,
      ),
    ).toEqual(
      [
        ...Object.values(INGESTION_REFERENCES).map((arn) => `Allow lambda:InvokeFunction ${arn}`),
        ...crawlers,
        ...logDelivery,
      ]
        .map(readable)
        .sort(),
    );
  });

  it('lets the retrieval invoke the retriever’s two functions and start the settlements crawler', () => {
    expect(
      permissionLines(roleStatements(stack, 'orchestration_report_retrieval_execution_role')).map(
        readable,
      ),
    ).toEqual(
      [
        ...Object.values(RETRIEVAL_REFERENCES).map((arn) => `Allow lambda:InvokeFunction ${arn}`),
        'Allow glue:StartCrawler arn:{partition}:glue:{region}:{account}:crawler/{prefix}-settlements',
        ...logDelivery,
      ]
        .map(readable)
        .sort(),
    );
  });

  it('names the retrieval machine as the notification consumer starts it', () => {
    expect(machine('report_retrieval')['name']).toBe('${var.name_prefix}-report-retrieval');
    const consumer = resource(
      stack,
      'aws_lambda_function',
      'functions_consume_notifications_function',
    );
    expect(
      readable(
        (consumer['environment'] as { variables: Record<string, string> }).variables[
          'RETRIEVAL_STATE_MACHINE_ARN'
        ] ?? '',
      ),
    ).toBe('arn:{partition}:states:{region}:{account}:stateMachine:{prefix}-report-retrieval');
  });

  it('lets the catalog refresh invoke its five functions, run its Distributed Map and start the catalog crawlers', () => {
    const self = 'arn:{partition}:states:{region}:{account}:stateMachine:{prefix}-catalog-refresh';
    // Map run children only (docs: iam-policies-eg-dist-map), not the machine's own executions.
    const executions = [
      'arn:{partition}:states:{region}:{account}:execution:{prefix}-catalog-refresh/*',
    ];
    expect(
      permissionLines(roleStatements(stack, 'orchestration_catalog_refresh_execution_role')).map(
        readable,
      ),
    ).toEqual(
      [
        ...Object.values(CATALOG_REFRESH_REFERENCES).map(
          (arn) => `Allow lambda:InvokeFunction ${arn}`,
        ),
        ...['catalog_items', 'listings_issues', 'listings_items'].map(
          (dataset) =>
            `Allow glue:StartCrawler arn:{partition}:glue:{region}:{account}:crawler/{prefix}-${dataset}`,
        ),
        `Allow states:StartExecution ${self}`,
        ...executions.flatMap((arn) => [
          `Allow states:DescribeExecution ${arn}`,
          `Allow states:StopExecution ${arn}`,
        ]),
        'Allow s3:GetObject ${aws_s3_bucket.lake_curated_bucket.arn}/_work/catalog-refresh/*',
        'Allow kms:Decrypt ${aws_kms_key.keys_lake.arn} if StringEquals kms:ViaService=s3.{region}.amazonaws.com',
        ...logDelivery,
      ]
        .map(readable)
        .sort(),
    );
    // The ItemReader reads exactly where planCatalogChunks writes the chunk list.
    const definition = JSON.parse(machine('catalog_refresh')['definition'] as string) as {
      States: Record<string, { ItemReader?: { Resource: string } }>;
    };
    expect(definition.States['FetchCatalogDistributed']?.ItemReader?.Resource).toBe(
      'arn:aws:states:::s3:getObject',
    );
    // The self-grants name the machine by the name it is deployed under.
    expect(machine('catalog_refresh')['name']).toBe('${var.name_prefix}-catalog-refresh');
  });

  it('lets the fan-out invoke its four functions, run ingestions and use the .sync rule', () => {
    const executions =
      'arn:{partition}:states:{region}:{account}:execution:{prefix}-report-ingestion:*';
    const syncRule =
      'arn:{partition}:events:{region}:{account}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule';
    expect(
      permissionLines(roleStatements(stack, 'orchestration_fan_out_execution_role')).map(readable),
    ).toEqual(
      [
        ...Object.entries(FAN_OUT_REFERENCES)
          .filter(([placeholder]) => placeholder !== 'ingestion_state_machine_arn')
          .map(([, arn]) => `Allow lambda:InvokeFunction ${arn}`),
        `Allow states:StartExecution ${ingestionMachine}`,
        `Allow states:DescribeExecution ${executions}`,
        `Allow states:StopExecution ${executions}`,
        `Allow events:DescribeRule ${syncRule}`,
        `Allow events:PutRule ${syncRule}`,
        `Allow events:PutTargets ${syncRule}`,
        ...logDelivery,
      ]
        .map(readable)
        .sort(),
    );
  });
});

describe('schedules', () => {
  let stack: SynthesizedStack;
  beforeAll(() => {
    stack = synthTestStack();
  });

  it('starts the fan-out for each enabled report config on its schedule, presets expanded', () => {
    expect(resource(stack, 'aws_scheduler_schedule', 'schedules_report_config')).toEqual({
      for_each:
        '${{ for key, val in jsondecode(var.report_configs_json): val.id => { schedule = val.schedule } if try(val.enabled, true) }}',
      name: '${each.key}',
      description: 'Fan-out of one report config',
      group_name: ref('aws_scheduler_schedule_group.schedules_group', 'name'),
      schedule_expression:
        '${lookup(local.schedules_schedule_presets, each.value.schedule, each.value.schedule)}',
      schedule_expression_timezone: 'UTC',
      flexible_time_window: { mode: 'OFF' },
      target: {
        arn: ref('aws_sfn_state_machine.orchestration_fan_out_state_machine', 'arn'),
        role_arn: ref('aws_iam_role.schedules_scheduler_role', 'arn'),
        // jsonencode would escape the placeholder's < and > (\u003c): it goes in after encoding.
        input:
          '${replace(jsonencode({"scheduledTime" = "__aws_scheduler_scheduled_time__", "reportConfigIds" = [each.key]}), "__aws_scheduler_scheduled_time__", "<aws.scheduler.scheduled-time>")}',
        retry_policy: { maximum_event_age_in_seconds: 3600, maximum_retry_attempts: 10 },
      },
    });
    expect(stack.locals?.['schedules_schedule_presets']).toEqual(SCHEDULE_PRESETS);
  });

  it.each([
    ['client_secret_rotation', 'rotate', '${var.client_secret_rotation_schedule}'],
    ['credential_expiry_check', 'check-expiry', '${var.credential_expiry_check_schedule}'],
  ])('invokes the token broker for %s', (name, action, expression) => {
    expect(resource(stack, 'aws_scheduler_schedule', `schedules_${name}`)).toMatchObject({
      schedule_expression: expression,
      target: {
        arn: 'arn:${data.aws_partition.partition.partition}:lambda:${var.region}:${data.aws_caller_identity.caller.account_id}:function:${var.name_prefix}-token-broker:live',
        input: JSON.stringify({ action }),
      },
    });
  });

  it('runs the subscription setup daily with an empty input', () => {
    expect(resource(stack, 'aws_scheduler_schedule', 'schedules_subscription_setup')).toMatchObject(
      {
        schedule_expression: '${var.subscription_setup_schedule}',
        target: { arn: aliasRef('setup_subscriptions'), input: '{}' },
      },
    );
  });

  it('starts a catalog refresh per enabled entry of catalog_refreshes_json, asOf the scheduled time', () => {
    expect(resource(stack, 'aws_scheduler_schedule', 'schedules_catalog_refresh')).toEqual({
      for_each:
        '${{ for key, val in jsondecode(var.catalog_refreshes_json): val.id => { schedule = val.schedule, input = replace(jsonencode(merge({ asOf = "__aws_scheduler_scheduled_time__" }, val.request)), "__aws_scheduler_scheduled_time__", "<aws.scheduler.scheduled-time>") } if try(val.enabled, true) }}',
      name: 'catalog-refresh-${each.key}',
      description: 'Catalog refresh of one partner and region',
      group_name: ref('aws_scheduler_schedule_group.schedules_group', 'name'),
      schedule_expression:
        '${lookup(local.schedules_schedule_presets, each.value.schedule, each.value.schedule)}',
      schedule_expression_timezone: 'UTC',
      flexible_time_window: { mode: 'OFF' },
      target: {
        arn: ref('aws_sfn_state_machine.orchestration_catalog_refresh_state_machine', 'arn'),
        role_arn: ref('aws_iam_role.schedules_scheduler_role', 'arn'),
        input: '${each.value.input}',
        retry_policy: { maximum_event_age_in_seconds: 3600, maximum_retry_attempts: 10 },
      },
    });
    expect(stack.variable['catalog_refreshes_json']).toMatchObject({
      type: 'string',
      default: '[]',
    });
  });

  it('sweeps getReports for settlements daily, as of the scheduled time', () => {
    expect(resource(stack, 'aws_scheduler_schedule', 'schedules_settlement_sweep')).toMatchObject({
      name: 'settlement-sweep',
      schedule_expression: '${var.settlement_sweep_schedule}',
      target: {
        arn: aliasRef('sweep_settlements'),
        input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}',
        retry_policy: { maximum_event_age_in_seconds: 3600, maximum_retry_attempts: 10 },
      },
    });
    expect(stack.variable['settlement_sweep_schedule']).toMatchObject({ default: 'rate(1 day)' });
  });

  it('lets the scheduler start the fan-out and catalog refreshes and invoke the broker, the setup and the sweep, nothing else', () => {
    expect(
      permissionLines(roleStatements(stack, 'schedules_scheduler_role')).map(readable),
    ).toEqual([
      `Allow lambda:InvokeFunction ${aliasRef('setup_subscriptions')}`,
      `Allow lambda:InvokeFunction ${aliasRef('sweep_settlements')}`,
      'Allow lambda:InvokeFunction arn:{partition}:lambda:{region}:{account}:function:{prefix}-token-broker:live',
      `Allow states:StartExecution ${ref('aws_sfn_state_machine.orchestration_catalog_refresh_state_machine', 'arn')}`,
      `Allow states:StartExecution ${ref('aws_sfn_state_machine.orchestration_fan_out_state_machine', 'arn')}`,
    ]);
  });
});

describe('bindPlaceholders', () => {
  const template = JSON.stringify({
    StartAt: 'A',
    States: { A: { Resource: '${a_function_arn}' } },
  });

  it('replaces each placeholder with its binding', () => {
    expect(bindPlaceholders('test', template, { a_function_arn: 'arn:x' })).toBe(
      '{"StartAt":"A","States":{"A":{"Resource":"arn:x"}}}',
    );
  });

  it('refuses a placeholder without binding and a binding without placeholder', () => {
    expect(() => bindPlaceholders('test', template, {})).toThrow(
      'test: placeholders without binding [a_function_arn], bindings without placeholder []',
    );
    expect(() => bindPlaceholders('test', template, { a_function_arn: 'x', b: 'y' })).toThrow(
      'bindings without placeholder [b]',
    );
  });

  it('refuses a Terraform template directive in the definition', () => {
    expect(() => bindPlaceholders('test', JSON.stringify({ Comment: '%{ if }' }), {})).toThrow(
      '%{',
    );
  });
});
