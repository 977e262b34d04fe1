import type { SynthesizedStack } from './synth-test-stack';

/** `${aws_s3_bucket.lake_raw_bucket.arn}`: how a reference looks in the synthesized JSON. */
export function ref(address: string, attribute: string): string {
  return `\${${address}.${attribute}}`;
}

/** The resource `type.name`; throws when absent. */
export function resource(
  stack: SynthesizedStack,
  type: string,
  name: string,
): Record<string, unknown> {
  const found = stack.resource[type]?.[name];
  if (!found) {
    const names = Object.keys(stack.resource[type] ?? {}).join(', ');
    throw new Error(`no ${type}.${name} (have: ${names})`);
  }
  return found;
}

/** Every resource of `type`, by name. */
export function resourcesOf(
  stack: SynthesizedStack,
  type: string,
): Record<string, Record<string, unknown>> {
  return stack.resource[type] ?? {};
}

/** One IAM statement as the tests read it. */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly Action: string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** The statements of a policy document string. */
export function statementsOf(policy: unknown): Statement[] {
  if (typeof policy !== 'string') throw new Error(`policy is not a string: ${String(policy)}`);
  return (JSON.parse(policy) as { Statement: Statement[] }).Statement;
}

/** The inline policy statements of the role with logical name `roleName`. */
export function roleStatements(stack: SynthesizedStack, roleName: string): Statement[] {
  const policies = Object.values(resourcesOf(stack, 'aws_iam_role_policy')).filter(
    (policy) => policy['role'] === ref(`aws_iam_role.${roleName}`, 'id'),
  );
  if (policies.length !== 1) throw new Error(`${roleName} has ${policies.length} inline policies`);
  return statementsOf(policies[0]?.['policy']);
}

/**
 * A role's permissions flattened to sorted lines `<action> <resource>[ if <condition>]`, for
 * exact comparisons that read like the policy.
 */
export function permissionLines(statements: readonly Statement[]): string[] {
  return statements
    .flatMap((statement) => {
      const resources = [statement.Resource ?? []].flat();
      const condition = statement.Condition
        ? ` if ${Object.entries(statement.Condition)
            .flatMap(([operator, values]) =>
              Object.entries(values).map(
                ([key, value]) => `${operator} ${key}=${[value].flat().join(',')}`,
              ),
            )
            .join(' & ')}`
        : '';
      return statement.Action.flatMap((action) =>
        resources.map((resourceArn) => `${statement.Effect} ${action} ${resourceArn}${condition}`),
      );
    })
    .sort();
}

/** Every string anywhere inside `value`. */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}
