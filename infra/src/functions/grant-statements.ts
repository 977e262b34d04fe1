import type { PolicyStatement } from '../iam/policy-document';
import type { Grant, ObjectAccess, TableAction } from './function-spec';
import type { GrantTargets } from './grant-targets';

// PascalCase of a kebab name: `lane-states` -> `LaneStates` (Sids are alphanumeric).
const sid = (text: string): string =>
  text
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

const READ_ACTIONS: ReadonlySet<TableAction> = new Set(['GetItem', 'BatchGetItem', 'Query']);

const OBJECT_ACCESS: Readonly<
  Record<ObjectAccess, { readonly sid: string; readonly actions: readonly string[] }>
> = {
  read: { sid: 'Read', actions: ['s3:GetObject'] },
  'read-write': {
    sid: 'ReadWrite',
    actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
  },
  'read-write-delete': {
    sid: 'ReadWriteDelete',
    actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'],
  },
};

function reportDatasetPrefixes(targets: GrantTargets): string[] {
  if (targets.reportDatasets.length === 0) throw new Error('no curated dataset lands reports');
  return targets.reportDatasets.flatMap((dataset) => [`${dataset}/`, `_quarantine/${dataset}/`]);
}

function keyVia(
  keyArn: string,
  service: string,
  actions: readonly string[],
  targets: GrantTargets,
): PolicyStatement {
  return {
    Effect: 'Allow',
    Action: actions,
    Resource: keyArn,
    Condition: { StringEquals: { 'kms:ViaService': targets.deployment.serviceHost(service) } },
  };
}

/** The statements of several grants, each distinct statement once (Sids are unique in a policy). */
export function grantsStatements(
  grants: readonly Grant[],
  targets: GrantTargets,
): PolicyStatement[] {
  const seen = new Set<string>();
  return grants
    .flatMap((grant) => grantStatements(grant, targets))
    .filter((statement) => {
      const key = JSON.stringify(statement);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** The IAM statements one grant stands for: fixed actions, resources scoped to the stack's own. */
export function grantStatements(grant: Grant, targets: GrantTargets): PolicyStatement[] {
  switch (grant.kind) {
    case 'read-configuration': {
      const arns = grant.parameters.map(
        (parameter) => targets.configurationParameterArns[parameter],
      );
      return [
        {
          Sid: 'ReadConfigurationParameters',
          Effect: 'Allow',
          Action: ['ssm:GetParameter'],
          // `name:version` selectors (the broker re-reads the account list it wrote) are their own resources.
          Resource: grant.versionSelectors ? arns.flatMap((arn) => [arn, `${arn}:*`]) : arns,
        },
      ];
    }
    case 'write-account-list':
      return [
        {
          Sid: 'WriteAccountList',
          Effect: 'Allow',
          Action: ['ssm:PutParameter'],
          Resource: targets.configurationParameterArns.accounts,
        },
      ];
    case 'invoke-token-broker':
      return [
        {
          Sid: 'InvokeTokenBroker',
          Effect: 'Allow',
          Action: ['lambda:InvokeFunction'],
          Resource: targets.tokenBrokerAliasArn,
        },
      ];
    case 'manage-lwa-secrets': {
      const secrets = targets.lwaSecretArns;
      return [
        {
          Sid: 'ClientCredentialsAndRotation',
          Effect: 'Allow',
          Action: [
            'secretsmanager:DescribeSecret',
            'secretsmanager:GetSecretValue',
            'secretsmanager:PutSecretValue',
            'secretsmanager:UpdateSecretVersionStage',
          ],
          Resource: secrets.clientCredentials,
        },
        {
          Sid: 'StateSigningKey',
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue'],
          Resource: secrets.stateSigningKey,
        },
        {
          Sid: 'RefreshTokens',
          Effect: 'Allow',
          Action: [
            'secretsmanager:CreateSecret',
            'secretsmanager:GetSecretValue',
            'secretsmanager:PutSecretValue',
            'secretsmanager:TagResource',
          ],
          Resource: secrets.refreshTokens,
        },
        {
          Sid: 'SecretsKeyThroughSecretsManager',
          ...keyVia(
            targets.secretsKeyArn,
            'secretsmanager',
            ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
            targets,
          ),
        },
      ];
    }
    case 'objects': {
      const bucketArn = targets.bucketArns[grant.bucket];
      const prefixes = grant.reportDatasets
        ? [...(grant.prefixes ?? []), ...reportDatasetPrefixes(targets)]
        : (grant.prefixes ?? ['']);
      const objects = prefixes.map((prefix) => `${bucketArn}/${prefix}*`);
      const name = sid(`${grant.bucket}Objects`);
      const write = grant.access !== 'read';
      const access = OBJECT_ACCESS[grant.access];
      return [
        {
          Sid: `${access.sid}${name}`,
          Effect: 'Allow',
          Action: access.actions,
          Resource: objects,
        },
        {
          // Without ListBucket a missing key answers 403 instead of 404. One per access level:
          // a function may hold several grants on one bucket, and Sids are unique in a policy.
          Sid: grant.access === 'read-write' ? `List${name}` : `List${name}For${access.sid}`,
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: bucketArn,
          ...(grant.prefixes || grant.reportDatasets
            ? { Condition: { StringLike: { 's3:prefix': prefixes.map((prefix) => `${prefix}*`) } } }
            : {}),
        },
        {
          // Same statement for every bucket: functions granted two buckets get it once.
          Sid: write ? 'LakeKeyThroughS3ReadWrite' : 'LakeKeyThroughS3Read',
          ...keyVia(
            targets.lakeKeyArn,
            's3',
            write ? ['kms:Decrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
            targets,
          ),
        },
      ];
    }
    case 'table': {
      const writes = grant.actions.some((action) => !READ_ACTIONS.has(action));
      return [
        {
          Sid: `${sid(grant.table)}Table`,
          Effect: 'Allow',
          Action: grant.actions.map((action) => `dynamodb:${action}`),
          Resource: targets.tableArns[grant.table],
        },
        {
          Sid: writes ? 'LakeKeyThroughDynamoDbReadWrite' : 'LakeKeyThroughDynamoDbRead',
          ...keyVia(
            targets.lakeKeyArn,
            'dynamodb',
            writes ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
            targets,
          ),
        },
      ];
    }
    case 'consume-queue': {
      const name = sid(grant.queue);
      return [
        {
          Sid: `Consume${name}Queue`,
          Effect: 'Allow',
          Action: [
            'sqs:ReceiveMessage',
            'sqs:DeleteMessage',
            'sqs:ChangeMessageVisibility',
            'sqs:GetQueueAttributes',
          ],
          Resource: targets.queueArns[grant.queue],
        },
        {
          Sid: 'LakeKeyThroughSqs',
          ...keyVia(targets.lakeKeyArn, 'sqs', ['kms:Decrypt'], targets),
        },
      ];
    }
    case 'send-to-queue': {
      return [
        {
          Sid: `SendTo${sid(grant.queue)}Queue`,
          Effect: 'Allow',
          Action: ['sqs:SendMessage'],
          Resource: targets.queueArns[grant.queue],
        },
        {
          Sid: 'LakeKeyThroughSqsForSending',
          ...keyVia(targets.lakeKeyArn, 'sqs', ['kms:Decrypt', 'kms:GenerateDataKey'], targets),
        },
      ];
    }
    case 'answer-report-waiters':
      return [
        {
          Sid: 'AnswerReportWaiters',
          Effect: 'Allow',
          // A waiter is answered with the report status or failed (register-waiter: no subscription).
          Action: ['states:SendTaskFailure', 'states:SendTaskSuccess'],
          Resource: targets.ingestionStateMachineArn,
        },
      ];
    case 'start-report-retrieval':
      return [
        {
          Sid: 'StartReportRetrieval',
          Effect: 'Allow',
          Action: ['states:StartExecution'],
          Resource: targets.retrievalStateMachineArn,
        },
      ];
    case 'describe-report-retrievals':
      return [
        {
          Sid: 'DescribeReportRetrievals',
          Effect: 'Allow',
          Action: ['states:DescribeExecution'],
          Resource: targets.retrievalExecutionsArn,
        },
      ];
  }
}
