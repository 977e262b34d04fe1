import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { type PolicyStatement, policyDocument } from '../iam/policy-document';
import type { Deployment } from '../stack/deployment';
import { SP_API_NOTIFICATION_PRINCIPAL } from './sp-api-principal';

/**
 * The two customer managed keys, rotation on. `lake` encrypts buckets, queues and tables; its
 * policy also lets SP-API's account (through SQS only) and EventBridge (for the listings rule)
 * encrypt messages into the notification queues. `secrets` encrypts the LWA secrets; only the
 * token broker's role may use it.
 */
export class LakeKeys extends Construct {
  readonly lake: KmsKey;
  readonly secrets: KmsKey;

  constructor(scope: Construct, id: string, deployment: Deployment) {
    super(scope, id);
    // The key's own account keeps full control (the AWS default key policy): IAM policies then
    // grant each role the few kms actions it needs. Without it the key could become unmanageable.
    const accountAdministers: PolicyStatement = {
      Sid: 'AccountAdministersTheKey',
      Effect: 'Allow',
      Principal: { AWS: deployment.iamArn('root') },
      Action: ['kms:*'],
      Resource: '*',
    };
    const queueSenders: PolicyStatement[] = [
      {
        Sid: 'SellingPartnerApiSendsToEncryptedQueues',
        Effect: 'Allow',
        Principal: { AWS: SP_API_NOTIFICATION_PRINCIPAL },
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': deployment.serviceHost('sqs') } },
      },
      {
        Sid: 'EventBridgeSendsToEncryptedQueues',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': deployment.accountId } },
      },
    ];

    this.lake = new KmsKey(this, 'lake', {
      description: `${deployment.namePrefix}: lake data, notification queues and state tables`,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
      policy: policyDocument([accountAdministers, ...queueSenders]),
    });
    new KmsAlias(this, 'lake_alias', {
      name: `alias/${deployment.name('lake')}`,
      targetKeyId: this.lake.keyId,
    });

    this.secrets = new KmsKey(this, 'secrets', {
      description: `${deployment.namePrefix}: LWA client credentials and refresh tokens`,
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
      policy: policyDocument([accountAdministers]),
    });
    new KmsAlias(this, 'secrets_alias', {
      name: `alias/${deployment.name('secrets')}`,
      targetKeyId: this.secrets.keyId,
    });
  }
}
