import { SP_API_NOTIFICATION_PRINCIPAL } from './sp-api-principal';
import { type SynthesizedStack, synthTestStack } from '../test/synth-test-stack';
import { ref, resource, resourcesOf, statementsOf } from '../test/terraform-json';

const BUCKETS = ['raw', 'curated', 'athena_results', 'artifacts', 'access_logs'] as const;
const lakeKey = ref('aws_kms_key.keys_lake', 'arn');

describe('lake buckets and keys', () => {
  let stack: SynthesizedStack;
  beforeAll(() => {
    stack = synthTestStack();
  });
  const bucketRef = (bucket: string, attribute: string) =>
    ref(`aws_s3_bucket.lake_${bucket}_bucket`, attribute);

  it('has exactly the raw, curated, Athena results, artifacts and access-log buckets', () => {
    expect(Object.keys(resourcesOf(stack, 'aws_s3_bucket')).sort()).toEqual(
      BUCKETS.map((bucket) => `lake_${bucket}_bucket`).sort(),
    );
    expect(resource(stack, 'aws_s3_bucket', 'lake_raw_bucket')['bucket']).toBe(
      '${var.name_prefix}-raw-${data.aws_caller_identity.caller.account_id}',
    );
  });

  it.each(BUCKETS)(
    'blocks all public access to the %s bucket and enforces object ownership',
    (bucket) => {
      expect(
        resource(stack, 'aws_s3_bucket_public_access_block', `lake_${bucket}_public_access`),
      ).toMatchObject({
        bucket: bucketRef(bucket, 'id'),
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      });
      expect(
        resource(stack, 'aws_s3_bucket_ownership_controls', `lake_${bucket}_ownership`),
      ).toMatchObject({
        bucket: bucketRef(bucket, 'id'),
        rule: { object_ownership: 'BucketOwnerEnforced' },
      });
    },
  );

  it.each(BUCKETS.filter((bucket) => bucket !== 'access_logs'))(
    'encrypts the %s bucket with the lake key (SSE-KMS, bucket key) and logs its access',
    (bucket) => {
      expect(
        resource(
          stack,
          'aws_s3_bucket_server_side_encryption_configuration',
          `lake_${bucket}_encryption`,
        ),
      ).toMatchObject({
        bucket: bucketRef(bucket, 'id'),
        rule: [
          {
            apply_server_side_encryption_by_default: {
              sse_algorithm: 'aws:kms',
              kms_master_key_id: lakeKey,
            },
            bucket_key_enabled: true,
          },
        ],
      });
      expect(resource(stack, 'aws_s3_bucket_logging', `lake_${bucket}_logging`)).toMatchObject({
        bucket: bucketRef(bucket, 'id'),
        target_bucket: bucketRef('access_logs', 'bucket'),
        target_prefix: `${bucket.replaceAll('_', '-')}/`,
      });
    },
  );

  it('encrypts the access-log bucket with SSE-S3, the only encryption log delivery accepts', () => {
    expect(
      resource(
        stack,
        'aws_s3_bucket_server_side_encryption_configuration',
        'lake_access_logs_encryption',
      ),
    ).toMatchObject({
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
    expect(resourcesOf(stack, 'aws_s3_bucket_logging')['lake_access_logs_logging']).toBeUndefined();
    const delivery = statementsOf(
      resource(stack, 'aws_s3_bucket_policy', 'lake_access_logs_policy')['policy'],
    ).find((statement) => statement.Sid === 'S3ServerAccessLogDelivery');
    expect(delivery).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: ['s3:PutObject'],
      Condition: {
        StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.caller.account_id}' },
      },
    });
  });

  it.each(BUCKETS)('denies every request to the %s bucket that is not made over TLS', (bucket) => {
    const policy = resource(stack, 'aws_s3_bucket_policy', `lake_${bucket}_policy`);
    expect(policy['bucket']).toBe(bucketRef(bucket, 'id'));
    expect(statementsOf(policy['policy'])[0]).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:*'],
      Resource: [bucketRef(bucket, 'arn'), `${bucketRef(bucket, 'arn')}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('versions the raw bucket only', () => {
    for (const bucket of BUCKETS) {
      expect(
        resource(stack, 'aws_s3_bucket_versioning', `lake_${bucket}_versioning`)[
          'versioning_configuration'
        ],
      ).toEqual({ status: bucket === 'raw' ? 'Enabled' : 'Suspended' });
    }
  });

  it('gives every bucket lifecycle rules that abort incomplete uploads', () => {
    for (const bucket of BUCKETS) {
      const rules = resource(
        stack,
        'aws_s3_bucket_lifecycle_configuration',
        `lake_${bucket}_lifecycle`,
      )['rule'] as { id: string; abort_incomplete_multipart_upload?: unknown }[];
      expect(rules.find((rule) => rule.id === 'abort-incomplete-multipart-uploads')).toBeDefined();
    }
    const raw = resource(stack, 'aws_s3_bucket_lifecycle_configuration', 'lake_raw_lifecycle');
    expect(raw['rule']).toContainEqual(
      expect.objectContaining({
        id: 'expire-noncurrent-versions',
        noncurrent_version_expiration: [{ noncurrent_days: 90 }],
      }),
    );
    expect(
      resource(stack, 'aws_s3_bucket_lifecycle_configuration', 'lake_athena_results_lifecycle')[
        'rule'
      ],
    ).toContainEqual(
      expect.objectContaining({ id: 'expire-query-results', expiration: [{ days: 30 }] }),
    );
    expect(raw['depends_on']).toEqual(['aws_s3_bucket_versioning.lake_raw_versioning']);
    // Catalog refresh work objects (ASIN lists, chunk lists) live a week, report leases a day;
    // the datasets stay.
    expect(
      resource(stack, 'aws_s3_bucket_lifecycle_configuration', 'lake_curated_lifecycle')['rule'],
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'expire-work-objects',
          filter: [{ prefix: '_work/' }],
          expiration: [{ days: 7 }],
        }),
        expect.objectContaining({
          id: 'expire-report-leases',
          filter: [{ prefix: '_leases/' }],
          expiration: [{ days: 1 }],
        }),
      ]),
    );
  });

  it('turns rotation on for both keys', () => {
    for (const key of ['keys_lake', 'keys_secrets']) {
      expect(resource(stack, 'aws_kms_key', key)).toMatchObject({
        enable_key_rotation: true,
        rotation_period_in_days: 365,
      });
    }
  });

  it("lets SP-API's account and EventBridge use the lake key, through SQS and from this account only", () => {
    const statements = statementsOf(resource(stack, 'aws_kms_key', 'keys_lake')['policy']);
    expect(
      statements.find((statement) => statement.Sid === 'SellingPartnerApiSendsToEncryptedQueues'),
    ).toEqual({
      Sid: 'SellingPartnerApiSendsToEncryptedQueues',
      Effect: 'Allow',
      Principal: { AWS: SP_API_NOTIFICATION_PRINCIPAL },
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 'sqs.${var.region}.amazonaws.com' } },
    });
    expect(SP_API_NOTIFICATION_PRINCIPAL).toBe('arn:aws:iam::437568002678:root');
    expect(
      statements.find((statement) => statement.Sid === 'EventBridgeSendsToEncryptedQueues'),
    ).toMatchObject({
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Condition: {
        StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.caller.account_id}' },
      },
    });
  });

  it('keeps the secrets key to its own account (IAM then grants the token broker alone)', () => {
    expect(statementsOf(resource(stack, 'aws_kms_key', 'keys_secrets')['policy'])).toEqual([
      {
        Sid: 'AccountAdministersTheKey',
        Effect: 'Allow',
        Principal: {
          AWS: 'arn:${data.aws_partition.partition.partition}:iam::${data.aws_caller_identity.caller.account_id}:root',
        },
        Action: ['kms:*'],
        Resource: '*',
      },
    ]);
  });
});
