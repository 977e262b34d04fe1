import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** A running s3rver on 127.0.0.1 with one bucket, and an S3 client set up to talk to it. */
export interface S3rverHarness {
  bucket: string;
  client: S3Client;
  /** The configuration of `client`, to build more clients against the same server. */
  clientConfig: S3ClientConfig;
  close(): Promise<void>;
}

/**
 * Starts s3rver on a free loopback port over a temp directory. The client sends checksums only when
 * required: SDK v3's default aws-chunked framing would be stored inside the object by s3rver.
 */
export async function startS3rver(bucket: string): Promise<S3rverHarness> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'lake-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const clientConfig: S3ClientConfig = {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
  const client = new S3Client(clientConfig);
  return {
    bucket,
    client,
    clientConfig,
    close: async () => {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
