import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { type PolicyCondition, type PolicyStatement, policyDocument } from './policy-document';

/** Options of {@link ServiceRole}. */
export interface ServiceRoleProps {
  readonly roleName: string;
  readonly description: string;
  /** The service principal that assumes the role, e.g. `lambda.amazonaws.com`. */
  readonly service: string;
  /** Confused-deputy guard on the trust policy (e.g. `aws:SourceAccount`). */
  readonly trustCondition?: PolicyCondition;
  /** The role's one inline policy. */
  readonly statements: readonly PolicyStatement[];
}

/**
 * A role one AWS service assumes, with exactly one inline policy and nothing attached: what the
 * role may do is in one place, and the synth tests read it from there.
 */
export class ServiceRole extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: policyDocument([
        {
          Effect: 'Allow',
          Principal: { Service: props.service },
          Action: ['sts:AssumeRole'],
          ...(props.trustCondition ? { Condition: props.trustCondition } : {}),
        },
      ]),
    });
    this.policy = new IamRolePolicy(this, 'policy', {
      name: 'least-privilege',
      role: this.role.id,
      policy: policyDocument(props.statements),
    });
  }

  /** The role ARN (a Terraform reference). */
  get arn(): string {
    return this.role.arn;
  }
}
