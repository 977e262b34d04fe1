import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LakeformationPermissions } from '@cdktf/provider-aws/lib/lakeformation-permissions';
import { LakeformationResource } from '@cdktf/provider-aws/lib/lakeformation-resource';
import { Fn } from 'cdktf';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { type PolicyStatement, policyDocument } from '../iam/policy-document';
import { ServiceRole } from '../iam/service-role';
import type { Deployment } from '../stack/deployment';

/** Options of {@link LakeGovernance}. */
export interface LakeGovernanceProps {
  readonly deployment: Deployment;
  readonly curatedBucketArn: string;
  readonly lakeKeyArn: string;
  readonly databaseName: string;
  readonly crawlerRoleArn: string;
  /** Who may assume the analyst role (a list variable; empty = this account's IAM principals). */
  readonly analystPrincipalArns: string[];
  readonly athenaWorkgroupArn: string;
  readonly athenaResultsBucketArn: string;
  /** Settings (admins) and the database must exist before anything is granted. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * Lake Formation governs the curated zone: the bucket is registered with a dedicated role (the
 * service-linked role cannot use the lake's KMS key), the crawlers may create and alter tables
 * there, and analysts may SELECT and DESCRIBE every table through Athena.
 */
export class LakeGovernance extends Construct {
  readonly registrationRole: ServiceRole;
  readonly analystRole: IamRole;
  readonly grants: readonly LakeformationPermissions[];

  constructor(scope: Construct, id: string, props: LakeGovernanceProps) {
    super(scope, id);
    const { deployment } = props;
    const curatedObjects = `${props.curatedBucketArn}/*`;

    this.registrationRole = new ServiceRole(this, 'registration', {
      roleName: deployment.name('lake-location'),
      description: 'Lake Formation data access to the registered curated location',
      service: 'lakeformation.amazonaws.com',
      statements: [
        {
          Sid: 'CuratedObjects',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
          Resource: curatedObjects,
        },
        {
          Sid: 'CuratedBucket',
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: props.curatedBucketArn,
        },
        {
          Sid: 'LakeKeyThroughS3',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
          Resource: props.lakeKeyArn,
          Condition: { StringEquals: { 'kms:ViaService': deployment.serviceHost('s3') } },
        },
      ],
    });
    const location = new LakeformationResource(this, 'curated_location', {
      arn: props.curatedBucketArn,
      roleArn: this.registrationRole.arn,
      useServiceLinkedRole: false,
      hybridAccessEnabled: false,
      dependsOn: [...props.dependsOn, this.registrationRole.policy],
    });

    this.analystRole = new IamRole(this, 'analyst_role', {
      name: deployment.name('analyst'),
      description: 'Queries the curated datasets with Athena (Lake Formation SELECT, DESCRIBE)',
      assumeRolePolicy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: {
              // Empty list: the account's own IAM principals (those allowed sts:AssumeRole on it).
              AWS: Fn.coalescelist([
                props.analystPrincipalArns,
                [Fn.format('arn:%s:iam::%s:root', [deployment.partition, deployment.accountId])],
              ]),
            },
            Action: 'sts:AssumeRole',
          },
        ],
      }),
    });
    const glueArn = (resource: string) => deployment.arn('glue', resource);
    const analystStatements: PolicyStatement[] = [
      {
        Sid: 'RunQueriesInTheWorkgroup',
        Effect: 'Allow',
        Action: [
          'athena:GetWorkGroup',
          'athena:StartQueryExecution',
          'athena:StopQueryExecution',
          'athena:GetQueryExecution',
          'athena:GetQueryResults',
          'athena:ListQueryExecutions',
        ],
        Resource: props.athenaWorkgroupArn,
      },
      {
        Sid: 'ReadTheCatalog',
        Effect: 'Allow',
        Action: [
          'glue:GetDatabase',
          'glue:GetDatabases',
          'glue:GetTable',
          'glue:GetTables',
          'glue:GetPartition',
          'glue:GetPartitions',
          'glue:BatchGetPartition',
        ],
        Resource: [
          glueArn('catalog'),
          glueArn(`database/${props.databaseName}`),
          glueArn(`table/${props.databaseName}/*`),
        ],
      },
      {
        Sid: 'LakeFormationCredentials',
        Effect: 'Allow',
        Action: ['lakeformation:GetDataAccess'],
        Resource: '*',
      },
      {
        Sid: 'QueryResults',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
        Resource: `${props.athenaResultsBucketArn}/*`,
      },
      {
        Sid: 'QueryResultsBucket',
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:GetBucketLocation'],
        Resource: props.athenaResultsBucketArn,
      },
      {
        Sid: 'LakeKeyThroughS3',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: props.lakeKeyArn,
        Condition: { StringEquals: { 'kms:ViaService': deployment.serviceHost('s3') } },
      },
    ];
    new IamRolePolicy(this, 'analyst_policy', {
      name: 'least-privilege',
      role: this.analystRole.id,
      policy: policyDocument(analystStatements),
    });

    const grantDependencies = [...props.dependsOn, location];
    const grant = (
      logicalId: string,
      principal: string,
      permissions: string[],
      target: Pick<
        ConstructorParameters<typeof LakeformationPermissions>[2],
        'dataLocation' | 'database' | 'table'
      >,
    ) =>
      new LakeformationPermissions(this, logicalId, {
        principal,
        permissions,
        ...target,
        dependsOn: grantDependencies,
      });
    const database = { name: props.databaseName };
    const allTables = { databaseName: props.databaseName, wildcard: true };
    this.grants = [
      grant('crawler_data_location', props.crawlerRoleArn, ['DATA_LOCATION_ACCESS'], {
        dataLocation: { arn: props.curatedBucketArn },
      }),
      grant('crawler_database', props.crawlerRoleArn, ['CREATE_TABLE', 'ALTER', 'DESCRIBE'], {
        database,
      }),
      grant('crawler_tables', props.crawlerRoleArn, ['ALTER', 'DESCRIBE'], { table: allTables }),
      grant('analyst_database', this.analystRole.arn, ['DESCRIBE'], { database }),
      grant('analyst_tables', this.analystRole.arn, ['SELECT', 'DESCRIBE'], { table: allTables }),
    ];
  }
}
