import type { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { Construct } from 'constructs';
import type { Deployment } from '../stack/deployment';
import { SecureBucket } from './secure-bucket';

const wholeBucket = [{ prefix: '' }];

const abortIncompleteUploads = (days: number): S3BucketLifecycleConfigurationRule => ({
  id: 'abort-incomplete-multipart-uploads',
  status: 'Enabled',
  filter: wholeBucket,
  abortIncompleteMultipartUpload: [{ daysAfterInitiation: days }],
});

/**
 * Lifecycle of each bucket. Raw documents are the replay source and are kept (cheaper tiers as
 * they age; overwritten versions expire); curated Parquet is kept, its work objects are not; query
 * results, logs and artifacts are transient.
 */
export const LIFECYCLE_RULES = {
  raw: [
    abortIncompleteUploads(7),
    {
      id: 'tier-raw-reports',
      status: 'Enabled',
      filter: [{ prefix: 'reports/' }],
      transition: [
        { days: 30, storageClass: 'STANDARD_IA' },
        { days: 180, storageClass: 'GLACIER_IR' },
      ],
    },
    {
      id: 'expire-noncurrent-versions',
      status: 'Enabled',
      filter: wholeBucket,
      noncurrentVersionExpiration: [{ noncurrentDays: 90 }],
      expiration: [{ expiredObjectDeleteMarker: true }],
    },
  ],
  curated: [
    abortIncompleteUploads(7),
    {
      id: 'expire-quarantine',
      status: 'Enabled',
      filter: [{ prefix: '_quarantine/' }],
      expiration: [{ days: 180 }],
    },
    // Work objects of catalog refreshes (ASIN lists, chunk lists, chunk summaries): an execution
    // lasts at most a day, a re-run within the week rewrites its own.
    {
      id: 'expire-work-objects',
      status: 'Enabled',
      filter: [{ prefix: '_work/' }],
      expiration: [{ days: 7 }],
    },
    // Report leases (one small object per retrieved report) hold for minutes; a day later every
    // one has long been released or has expired.
    {
      id: 'expire-report-leases',
      status: 'Enabled',
      filter: [{ prefix: '_leases/' }],
      expiration: [{ days: 1 }],
    },
  ],
  athenaResults: [
    abortIncompleteUploads(1),
    {
      id: 'expire-query-results',
      status: 'Enabled',
      filter: wholeBucket,
      expiration: [{ days: 30 }],
    },
  ],
  accessLogs: [
    abortIncompleteUploads(1),
    {
      id: 'age-access-logs',
      status: 'Enabled',
      filter: wholeBucket,
      transition: [{ days: 90, storageClass: 'STANDARD_IA' }],
      expiration: [{ days: 365 }],
    },
  ],
  artifacts: [
    abortIncompleteUploads(1),
    // Lambda keeps its own copy of deployed code: an artifact is only needed to deploy it again.
    {
      id: 'expire-old-artifacts',
      status: 'Enabled',
      filter: wholeBucket,
      expiration: [{ days: 180 }],
    },
  ],
} as const satisfies Record<string, readonly S3BucketLifecycleConfigurationRule[]>;

/**
 * The buckets: raw (versioned), curated, Athena results, deployment artifacts, all SSE-KMS with the
 * lake key and logging to the access-log bucket. Names end in the account id (bucket names are
 * global).
 */
export class LakeBuckets extends Construct {
  readonly raw: SecureBucket;
  readonly curated: SecureBucket;
  readonly athenaResults: SecureBucket;
  readonly artifacts: SecureBucket;
  readonly accessLogs: SecureBucket;

  constructor(scope: Construct, id: string, deployment: Deployment, lakeKeyArn: string) {
    super(scope, id);
    const bucketName = (role: string) => deployment.name(`${role}-${deployment.accountId}`);

    this.accessLogs = new SecureBucket(this, 'access_logs', {
      bucketName: bucketName('access-logs'),
      encryption: { kind: 's3-managed' },
      versioning: false,
      lifecycleRules: LIFECYCLE_RULES.accessLogs,
      policyStatements: [
        {
          Sid: 'S3ServerAccessLogDelivery',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: ['s3:PutObject'],
          Resource: deployment.s3Arn(`${bucketName('access-logs')}/*`),
          Condition: {
            StringEquals: { 'aws:SourceAccount': deployment.accountId },
            ArnLike: { 'aws:SourceArn': deployment.s3Arn(`${deployment.namePrefix}-*`) },
          },
        },
      ],
    });

    const encrypted = (
      role: string,
      lifecycleRules: readonly S3BucketLifecycleConfigurationRule[],
      versioning = false,
    ) =>
      new SecureBucket(this, role.replaceAll('-', '_'), {
        bucketName: bucketName(role),
        encryption: { kind: 'kms', keyArn: lakeKeyArn },
        versioning,
        lifecycleRules,
        accessLogs: { bucketName: this.accessLogs.name, prefix: `${role}/` },
      });
    this.raw = encrypted('raw', LIFECYCLE_RULES.raw, true);
    this.curated = encrypted('curated', LIFECYCLE_RULES.curated);
    this.athenaResults = encrypted('athena-results', LIFECYCLE_RULES.athenaResults);
    this.artifacts = encrypted('artifacts', LIFECYCLE_RULES.artifacts);
  }

  /** Every bucket of the stack. */
  all(): SecureBucket[] {
    return [this.raw, this.curated, this.athenaResults, this.artifacts, this.accessLogs];
  }
}
