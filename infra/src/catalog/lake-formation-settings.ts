import { DataAwsIamSessionContext } from '@cdktf/provider-aws/lib/data-aws-iam-session-context';
import { LakeformationDataLakeSettings } from '@cdktf/provider-aws/lib/lakeformation-data-lake-settings';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';

/** Options of {@link LakeFormationSettings}. */
export interface LakeFormationSettingsProps {
  /** Data lake administrators (a list variable). */
  readonly adminArns: string[];
  /** The ARN Terraform runs as (`aws_caller_identity.arn`). */
  readonly callerArn: string;
}

/**
 * The account's data lake settings. Administrators are the listed ones plus the role Terraform
 * runs as (it must be an administrator to grant). The `create_*_default_permissions` blocks are
 * left out on purpose: PutDataLakeSettings without them means "Lake Formation permissions only",
 * so new databases and tables get no IAM_ALLOWED_PRINCIPALS grant and access is exactly the
 * grants of {@link LakeGovernance}. Note this resource replaces the account's settings as a
 * whole: one stack per account and region owns them.
 */
export class LakeFormationSettings extends Construct {
  readonly settings: LakeformationDataLakeSettings;

  constructor(scope: Construct, id: string, props: LakeFormationSettingsProps) {
    super(scope, id);
    // An assumed-role caller is `…:assumed-role/<role>/<session>`: admins must name the role.
    const session = new DataAwsIamSessionContext(this, 'caller_session', { arn: props.callerArn });
    this.settings = new LakeformationDataLakeSettings(this, 'settings', {
      admins: Fn.distinct(Fn.concat([props.adminArns, [session.issuerArn]])),
    });
  }
}
