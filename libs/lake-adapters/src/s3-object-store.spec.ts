import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from './s3-object-store';
import { pseudoRandomStream } from './test/generated-bytes';
import { describeObjectStoreContract } from './test/object-store-contract';
import { type S3rverHarness, startS3rver } from './test/s3rver-harness';

describeObjectStoreContract(
  'S3ObjectStore on s3rver',
  async () => {
    const s3 = await startS3rver('lake-contract');
    // No small listPageSize here: s3rver signs continuation tokens with DES, which OpenSSL 3 (Node
    // 20) refuses, so a truncated page is a 500. Pagination is covered with aws-sdk-client-mock.
    const store = new S3ObjectStore({ client: s3.client, bucket: s3.bucket });
    return { store, teardown: () => s3.close() };
  },
  // s3rver ignores If-Match and If-None-Match: the requests and S3's answers (412, 409) are
  // covered with aws-sdk-client-mock in s3-object-store-commands.spec.ts.
  { conditionalWrites: false },
);

describe('S3ObjectStore on s3rver', () => {
  let s3: S3rverHarness;
  let store: S3ObjectStore;

  beforeAll(async () => {
    s3 = await startS3rver('lake-s3');
    store = new S3ObjectStore({ client: s3.client, bucket: s3.bucket });
  });

  afterAll(async () => {
    await s3.close();
  });

  it('uploads a stream larger than two parts as a multipart upload', async () => {
    const commands: string[] = [];
    const client = new S3Client({ ...s3.clientConfig });
    client.middlewareStack.add(
      (next, context) => (args) => {
        commands.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize' },
    );
    const recorded = new S3ObjectStore({ client, bucket: s3.bucket });

    await recorded.putStream('big/multipart.bin', pseudoRandomStream(20 * 1024 * 1024));
    client.destroy();

    expect(commands.filter((name) => name === 'UploadPartCommand')).toHaveLength(3);
    expect(commands).toContain('CompleteMultipartUploadCommand');
    const head = await s3.client.send(
      new HeadObjectCommand({ Bucket: s3.bucket, Key: 'big/multipart.bin' }),
    );
    expect(head.ContentLength).toBe(20 * 1024 * 1024);
  }, 60_000);

  it('stores the content type and user metadata with the object', async () => {
    await store.putObject('meta/doc.json', '{}', {
      contentType: 'application/json',
      metadata: { 'report-id': '50001' },
    });

    const head = await s3.client.send(
      new HeadObjectCommand({ Bucket: s3.bucket, Key: 'meta/doc.json' }),
    );
    expect(head.ContentType).toBe('application/json');
    expect(head.Metadata).toEqual({ 'report-id': '50001' });
  });
});
