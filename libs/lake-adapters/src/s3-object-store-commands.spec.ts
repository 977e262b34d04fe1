import {
  DeleteObjectCommand,
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { Readable } from 'node:stream';
import {
  ObjectChangedError,
  ObjectNotFoundError,
  ObjectStoreRequestError,
  ObjectStoreUnavailableError,
} from '@spapi-lake/lake';
import { S3ObjectStore, S3_PART_SIZE } from './s3-object-store';
import { pseudoRandomStream } from './test/generated-bytes';

const KMS_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const s3Mock = mockClient(S3Client);

function storeWith(options: { kmsKeyId?: string; listPageSize?: number } = {}): S3ObjectStore {
  // One attempt: these tests assert the mapping of a failure, not the SDK's own retries.
  const client = new S3Client({ region: 'eu-west-1', maxAttempts: 1 });
  return new S3ObjectStore({ client, bucket: 'curated-bucket', ...options });
}

function serviceError(name: string, status: number): S3ServiceException {
  return new S3ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: `${name} from S3`,
  });
}

beforeEach(() => {
  s3Mock.reset();
});

describe('S3ObjectStore writes', () => {
  it('sends PutObject with SSE-KMS, content type and metadata for an in-memory body', async () => {
    s3Mock.on(PutObjectCommand).resolves({});

    const result = await storeWith({ kmsKeyId: KMS_KEY }).putObject('_manifests/r1.json', '{}', {
      contentType: 'application/json',
      metadata: { 'report-id': 'r1' },
    });

    expect(result).toEqual({ key: '_manifests/r1.json', bytes: 2 });
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    expect(s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'curated-bucket',
      Key: '_manifests/r1.json',
      Body: '{}',
      ContentType: 'application/json',
      Metadata: { 'report-id': 'r1' },
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: KMS_KEY,
    });
  });

  it('streams a small body as one PutObject with SSE-KMS', async () => {
    s3Mock.on(PutObjectCommand).resolves({});

    const result = await storeWith({ kmsKeyId: KMS_KEY }).putStream(
      'reports/GET_X/selling_partner_id=A1/dt=2024-01-02/r1.tsv.gz',
      Readable.from([Buffer.from('abc'), Buffer.from('def')]),
      { contentType: 'application/gzip' },
    );

    expect(result.bytes).toBe(6);
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    expect(s3Mock).not.toHaveReceivedCommand(CreateMultipartUploadCommand);
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'curated-bucket',
      Key: 'reports/GET_X/selling_partner_id=A1/dt=2024-01-02/r1.tsv.gz',
      ContentType: 'application/gzip',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: KMS_KEY,
    });
  });

  it('streams a large body as a multipart upload whose CreateMultipartUpload asks for SSE-KMS', async () => {
    s3Mock.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-1' });
    s3Mock.on(UploadPartCommand).callsFake((input: { PartNumber?: number }) => ({
      ETag: `"etag-${input.PartNumber}"`,
    }));
    s3Mock.on(CompleteMultipartUploadCommand).resolves({});
    const size = 2 * S3_PART_SIZE + 1000;

    const result = await storeWith({ kmsKeyId: KMS_KEY }).putStream(
      'orders/selling_partner_id=A1/marketplace_id=M1/dt=2024-01-02/r1.parquet',
      pseudoRandomStream(size),
      { contentType: 'application/vnd.apache.parquet' },
    );

    expect(result.bytes).toBe(size);
    expect(s3Mock.commandCalls(CreateMultipartUploadCommand)[0]?.args[0].input).toEqual({
      Bucket: 'curated-bucket',
      Key: 'orders/selling_partner_id=A1/marketplace_id=M1/dt=2024-01-02/r1.parquet',
      ContentType: 'application/vnd.apache.parquet',
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: KMS_KEY,
      // Added by lib-storage while the client computes checksums (the SDK default on AWS).
      ChecksumAlgorithm: 'CRC32',
    });
    expect(s3Mock).toHaveReceivedCommandTimes(UploadPartCommand, 3);
    expect(s3Mock).toHaveReceivedCommandWith(UploadPartCommand, {
      UploadId: 'upload-1',
      PartNumber: 3,
    });
    expect(s3Mock).toHaveReceivedCommandWith(CompleteMultipartUploadCommand, {
      UploadId: 'upload-1',
      MultipartUpload: {
        Parts: [
          { ETag: '"etag-1"', PartNumber: 1 },
          { ETag: '"etag-2"', PartNumber: 2 },
          { ETag: '"etag-3"', PartNumber: 3 },
        ],
      },
    });
  });

  it('aborts the multipart upload and maps the error when a part fails', async () => {
    s3Mock.on(CreateMultipartUploadCommand).resolves({ UploadId: 'upload-2' });
    const denied = serviceError('AccessDenied', 403);
    s3Mock.on(UploadPartCommand).rejects(denied);
    s3Mock.on(AbortMultipartUploadCommand).resolves({});

    const failure = storeWith({ kmsKeyId: KMS_KEY }).putStream(
      'big.bin',
      pseudoRandomStream(2 * S3_PART_SIZE + 1),
    );

    await expect(failure).rejects.toBeInstanceOf(ObjectStoreRequestError);
    await expect(failure).rejects.toMatchObject({ cause: denied, retryable: false });
    expect(s3Mock).toHaveReceivedCommandWith(AbortMultipartUploadCommand, {
      Bucket: 'curated-bucket',
      Key: 'big.bin',
      UploadId: 'upload-2',
    });
  });

  it('asks for no encryption parameters when no KMS key is configured', async () => {
    s3Mock.on(PutObjectCommand).resolves({});

    await storeWith().putObject('a.json', '{}');

    expect(s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'curated-bucket',
      Key: 'a.json',
      Body: '{}',
    });
  });
});

describe('S3ObjectStore error mapping', () => {
  it('maps NoSuchKey to ObjectNotFoundError and keeps the SDK error as cause', async () => {
    const missing = new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    s3Mock.on(GetObjectCommand).rejects(missing);

    const failure = storeWith().getObject('missing.json');

    await expect(failure).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(failure).rejects.toMatchObject({ name: 'ObjectNotFoundError', cause: missing });
  });

  it('answers exists() from HeadObject, false on NotFound', async () => {
    s3Mock
      .on(HeadObjectCommand, { Key: 'present.json' })
      .resolves({ ContentLength: 2 })
      .on(HeadObjectCommand, { Key: 'absent.json' })
      .rejects(new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } }));

    expect(await storeWith().exists('present.json')).toBe(true);
    expect(await storeWith().exists('absent.json')).toBe(false);
  });

  it('maps throttling and 5xx to the retryable ObjectStoreUnavailableError', async () => {
    const slowDown = serviceError('SlowDown', 503);
    s3Mock.on(HeadObjectCommand).rejects(slowDown);

    const failure = storeWith().exists('busy.json');

    await expect(failure).rejects.toBeInstanceOf(ObjectStoreUnavailableError);
    await expect(failure).rejects.toMatchObject({ retryable: true, cause: slowDown });
  });

  it('maps a refused request (403) to the non-retryable ObjectStoreRequestError', async () => {
    s3Mock.on(GetObjectCommand).rejects(serviceError('AccessDenied', 403));

    await expect(storeWith().getStream('secret.json')).rejects.toMatchObject({
      name: 'ObjectStoreRequestError',
      retryable: false,
      message: expect.stringContaining('AccessDenied, HTTP 403'),
    });
  });
});

describe('S3ObjectStore compare-and-swap', () => {
  it('reads an object with its ETag as version, undefined when missing', async () => {
    s3Mock
      .on(GetObjectCommand, { Key: '_ledger/a.json' })
      .resolves({ Body: Readable.from([Buffer.from('{"rows":1}')]) as never, ETag: '"e1"' })
      .on(GetObjectCommand, { Key: '_ledger/b.json' })
      .rejects(new NoSuchKey({ message: 'missing', $metadata: { httpStatusCode: 404 } }));

    const read = await storeWith().getVersioned('_ledger/a.json');

    expect({ body: read?.body.toString(), version: read?.version }).toEqual({
      body: '{"rows":1}',
      version: '"e1"',
    });
    expect(await storeWith().getVersioned('_ledger/b.json')).toBeUndefined();
  });

  it('sends If-Match for a version and If-None-Match for none', async () => {
    s3Mock.on(PutObjectCommand).resolves({});

    await storeWith().putObject('_ledger/a.json', '{}', { expectedVersion: '"e1"' });
    await storeWith().putObject('_ledger/b.json', '{}', { expectedVersion: null });
    await storeWith().putObject('_ledger/c.json', '{}');

    const inputs = s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(inputs.map(({ IfMatch, IfNoneMatch }) => ({ IfMatch, IfNoneMatch }))).toEqual([
      { IfMatch: '"e1"', IfNoneMatch: undefined },
      { IfMatch: undefined, IfNoneMatch: '*' },
      { IfMatch: undefined, IfNoneMatch: undefined },
    ]);
  });

  it.each([
    ['PreconditionFailed', 412],
    ['ConditionalRequestConflict', 409],
    ['NoSuchKey', 404],
  ])(
    'maps %s (%i) of a conditional write to the retryable ObjectChangedError',
    async (name, status) => {
      s3Mock.on(PutObjectCommand).rejects(serviceError(name, status));

      const write = storeWith().putObject('_ledger/a.json', '{}', { expectedVersion: '"e1"' });

      await expect(write).rejects.toBeInstanceOf(ObjectChangedError);
      await expect(write).rejects.toMatchObject({ retryable: true });
    },
  );

  it('deletes on a version with If-Match, and maps a failed condition to ObjectChangedError', async () => {
    s3Mock.on(DeleteObjectCommand).resolves({});
    await storeWith().deleteObject('_leases/reports/selling_partner_id=A1/1.json', {
      expectedVersion: '"e1"',
    });
    await storeWith().deleteObject('_leases/reports/selling_partner_id=A1/2.json');
    expect(
      s3Mock.commandCalls(DeleteObjectCommand).map((call) => call.args[0].input.IfMatch),
    ).toEqual(['"e1"', undefined]);

    for (const [name, status] of [
      ['PreconditionFailed', 412],
      ['ConditionalRequestConflict', 409],
      ['NoSuchKey', 404],
    ] as const) {
      s3Mock.on(DeleteObjectCommand).rejects(serviceError(name, status));
      await expect(
        storeWith().deleteObject('_leases/reports/selling_partner_id=A1/1.json', {
          expectedVersion: '"e1"',
        }),
      ).rejects.toBeInstanceOf(ObjectChangedError);
    }
    // A missing bucket is a configuration error, not a changed object.
    s3Mock.on(DeleteObjectCommand).rejects(serviceError('NoSuchBucket', 404));
    await expect(
      storeWith().deleteObject('_leases/reports/selling_partner_id=A1/1.json', {
        expectedVersion: '"e1"',
      }),
    ).rejects.toBeInstanceOf(ObjectStoreRequestError);
    s3Mock.on(DeleteObjectCommand).rejects(serviceError('NoSuchKey', 404));
    // Unconditional, a missing key is no error (as S3).
    await expect(
      storeWith().deleteObject('_leases/reports/selling_partner_id=A1/1.json'),
    ).resolves.toBeUndefined();
  });

  it('refuses a condition on a streamed write', async () => {
    await expect(
      storeWith().putStream('_ledger/a.json', Readable.from([Buffer.from('{}')]), {
        expectedVersion: null,
      }),
    ).rejects.toBeInstanceOf(ObjectStoreRequestError);
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 0);
  });
});

describe('S3ObjectStore listing', () => {
  it('follows ListObjectsV2 continuation tokens until the last page', async () => {
    s3Mock
      .on(ListObjectsV2Command)
      .resolvesOnce({
        Contents: [
          { Key: 'p/a.json', Size: 1 },
          { Key: 'p/b.json', Size: 2 },
        ],
        IsTruncated: true,
        NextContinuationToken: 'token-1',
      })
      .resolvesOnce({
        Contents: [{ Key: 'p/c.json', Size: 3 }],
        IsTruncated: true,
        NextContinuationToken: 'token-2',
      })
      .resolvesOnce({ IsTruncated: false });

    const listed: unknown[] = [];
    for await (const entry of storeWith({ listPageSize: 2 }).list('p/')) listed.push(entry);

    expect(listed).toEqual([
      { key: 'p/a.json', size: 1 },
      { key: 'p/b.json', size: 2 },
      { key: 'p/c.json', size: 3 },
    ]);
    expect(s3Mock.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input)).toEqual([
      { Bucket: 'curated-bucket', Prefix: 'p/', MaxKeys: 2 },
      { Bucket: 'curated-bucket', Prefix: 'p/', MaxKeys: 2, ContinuationToken: 'token-1' },
      { Bucket: 'curated-bucket', Prefix: 'p/', MaxKeys: 2, ContinuationToken: 'token-2' },
    ]);
  });

  it('refuses a truncated page without a continuation token instead of looping', async () => {
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: true });

    const iterate = async () => {
      for await (const _entry of storeWith().list('p/')) {
        // drain
      }
    };

    await expect(iterate()).rejects.toBeInstanceOf(ObjectStoreRequestError);
  });

  it('refuses a page whose entries lack a key or a size', async () => {
    s3Mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'p/a.json' }] });

    const iterate = async () => {
      for await (const _entry of storeWith().list('p/')) {
        // drain
      }
    };

    await expect(iterate()).rejects.toMatchObject({ name: 'ObjectStoreRequestError' });
  });
});
