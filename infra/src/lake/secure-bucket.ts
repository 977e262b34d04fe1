import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  S3BucketLifecycleConfiguration,
  type S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { type PolicyStatement, policyDocument } from '../iam/policy-document';

/** How a bucket's objects are encrypted at rest by default. */
export type BucketEncryption =
  | { readonly kind: 'kms'; readonly keyArn: string }
  /** SSE-S3: only for the access-log bucket (server access logging cannot deliver to SSE-KMS). */
  | { readonly kind: 's3-managed' };

/** Options of {@link SecureBucket}. */
export interface SecureBucketProps {
  readonly bucketName: string;
  readonly encryption: BucketEncryption;
  readonly versioning: boolean;
  readonly lifecycleRules: readonly S3BucketLifecycleConfigurationRule[];
  /** Server access logs go to this bucket under `prefix`. */
  readonly accessLogs?: { readonly bucketName: string; readonly prefix: string };
  /** Statements added to the bucket policy after the TLS-only deny. */
  readonly policyStatements?: readonly PolicyStatement[];
}

/**
 * An S3 bucket with the baseline every bucket of the stack gets: all public access blocked,
 * object ownership enforced (ACLs off), default encryption, a bucket policy that denies any
 * request not made over TLS, and lifecycle rules.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, forceDestroy: false });
    const bucket = this.bucket.id;

    const publicAccess = new S3BucketPublicAccessBlock(this, 'public_access', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [
        props.encryption.kind === 'kms'
          ? {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: 'aws:kms',
                kmsMasterKeyId: props.encryption.keyArn,
              },
              // S3 Bucket Keys cut KMS requests (and cost) by orders of magnitude.
              bucketKeyEnabled: true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });
    const versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket,
      versioningConfiguration: { status: props.versioning ? 'Enabled' : 'Suspended' },
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [...props.lifecycleRules],
      dependsOn: [versioning],
    });
    if (props.accessLogs) {
      new S3BucketLoggingA(this, 'logging', {
        bucket,
        targetBucket: props.accessLogs.bucketName,
        targetPrefix: props.accessLogs.prefix,
      });
    }

    const tlsOnly: PolicyStatement = {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:*'],
      Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    };
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket,
      policy: policyDocument([tlsOnly, ...(props.policyStatements ?? [])]),
      // A bucket policy put before the public access block would be checked as "public" first.
      dependsOn: [publicAccess],
    });
  }

  /** The bucket name (a Terraform reference). */
  get name(): string {
    return this.bucket.bucket;
  }

  /** The bucket ARN (a Terraform reference). */
  get arn(): string {
    return this.bucket.arn;
  }
}
