import { type SynthesizedStack, synthTestStack } from '../test/synth-test-stack';
import { resource, resourcesOf } from '../test/terraform-json';

// IAM refuses a role whose inline policies add up to more than 10,240 characters (whitespace not
// counted): `terraform apply` would fail with LimitExceeded. The policies name every curated
// dataset, so each report type added grows them. Checked with the longest values the stack's
// inputs allow: a 32-character name_prefix, the aws-us-gov partition, a 14-character region.

const IAM_ROLE_INLINE_POLICY_LIMIT = 10_240;

const LONGEST: Readonly<Record<string, string>> = {
  'data.aws_partition.partition.partition': 'aws-us-gov',
  'var.region': 'ap-southeast-2',
  'data.aws_caller_identity.caller.account_id': '123456789012',
  'var.name_prefix': 'p'.repeat(32),
};

/** What a reference stands for at apply time, as long as the inputs allow. */
function resolved(stack: SynthesizedStack, text: string): string {
  return text.replace(/\$\{([^}]+)\}/g, (_, reference: string) => valueOf(stack, reference));
}

function valueOf(stack: SynthesizedStack, reference: string): string {
  const input = LONGEST[reference];
  if (input !== undefined) return input;
  const replace = /^replace\(([\w.]+), "([^"]*)", "([^"]*)"\)$/.exec(reference);
  if (replace !== null) {
    const [, inner = '', from = '', to = ''] = replace;
    return valueOf(stack, inner).split(from).join(to);
  }
  const [kind = '', type = '', name = ''] = reference.split('.');
  if (kind === 'local') return resolved(stack, String(stack.locals?.[type]));
  const attribute = reference.split('.').slice(2).join('.');
  const field = (key: string) => resolved(stack, String(resource(stack, kind, type)[key]));
  const partition = LONGEST['data.aws_partition.partition.partition'];
  const regional = (service: string) =>
    `arn:${partition}:${service}:${LONGEST['var.region']}:${LONGEST['data.aws_caller_identity.caller.account_id']}:`;
  const arns: Readonly<Record<string, () => string>> = {
    aws_s3_bucket: () => `arn:${partition}:s3:::${field('bucket')}`,
    aws_kms_key: () => `${regional('kms')}key/${'0'.repeat(36)}`,
    aws_lambda_alias: () =>
      `${regional('lambda')}function:${field('function_name')}:${field('name')}`,
    aws_secretsmanager_secret: () => `${regional('secretsmanager')}secret:${field('name')}-AbCdEf`,
    aws_ssm_parameter: () => `${regional('ssm')}parameter${field('name')}`,
    aws_cloudwatch_log_group: () => `${regional('logs')}log-group:${field('name')}`,
    aws_dynamodb_table: () => `${regional('dynamodb')}table/${field('name')}`,
    aws_sqs_queue: () => `${regional('sqs')}${field('name')}`,
    aws_sfn_state_machine: () => `${regional('states')}stateMachine:${field('name')}`,
    aws_athena_workgroup: () => `${regional('athena')}workgroup/${field('name')}`,
  };
  const arn = arns[kind];
  if (name === 'arn' && arn !== undefined) return arn();
  if (attribute === 'name' || attribute === 'function_name') return field(attribute);
  throw new Error(`no worst case known for \${${reference}}: add one`);
}

describe('IAM policy sizes', () => {
  const stack = synthTestStack();
  const sizes = new Map<string, number>();
  for (const policy of Object.values(resourcesOf(stack, 'aws_iam_role_policy'))) {
    const role = String(policy['role']).replace(/^\$\{aws_iam_role\.(.+)\.id\}$/, '$1');
    const size = resolved(stack, String(policy['policy'])).replace(/\s/g, '').length;
    sizes.set(role, (sizes.get(role) ?? 0) + size);
  }

  it('reads every inline policy of the stack', () => {
    expect(sizes.size).toBeGreaterThan(10);
  });

  it.each([...sizes])("keeps %s's inline policies within IAM's limit", (_, size) => {
    expect(size).toBeLessThanOrEqual(IAM_ROLE_INLINE_POLICY_LIMIT);
  });
});
