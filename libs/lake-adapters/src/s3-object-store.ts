import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import {
  ObjectChangedError,
  ObjectNotFoundError,
  ObjectStoreRequestError,
  ObjectStoreUnavailableError,
} from '@spapi-lake/lake';
import { assertObjectKey, assertObjectKeyPrefix } from '@spapi-lake/lake';
import type {
  DeleteObjectOptions,
  ObjectStore,
  ObjectSummary,
  PutObjectOptions,
  PutObjectResult,
  VersionedObject,
} from '@spapi-lake/lake';

/** Multipart part size: 8 MiB keeps 10,000 parts (~78 GiB) far above any report document. */
export const S3_PART_SIZE = 8 * 1024 * 1024;
/** Parts in flight per upload: memory is about queueSize x partSize (16 MiB). */
export const S3_QUEUE_SIZE = 2;

/** Configuration of {@link S3ObjectStore}. */
export interface S3ObjectStoreOptions {
  client: S3Client;
  bucket: string;
  /** When set, every write asks for SSE-KMS with this key (ARN, id or alias). */
  kmsKeyId?: string;
  /** Keys per ListObjectsV2 page (S3's maximum and default: 1000). */
  listPageSize?: number;
}

const NOT_FOUND_NAMES = new Set(['NoSuchKey', 'NotFound']);
const TRANSIENT_NAMES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalError',
  'ServiceUnavailable',
  'TimeoutError',
  'KMS.ThrottlingException',
]);
const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

const listPageSchema = z.object({
  Contents: z.array(z.object({ Key: z.string(), Size: z.number().int().nonnegative() })).optional(),
  IsTruncated: z.boolean().optional(),
  NextContinuationToken: z.string().optional(),
});

/**
 * The lake on S3. Streams go through `@aws-sdk/lib-storage` multipart uploads (S3 makes the object
 * visible only when complete), writes ask for SSE-KMS when a key is configured, and S3 errors
 * become the lib's typed errors with the SDK error as `cause`.
 */
export class S3ObjectStore implements ObjectStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly kmsKeyId: string | undefined;
  private readonly listPageSize: number | undefined;

  constructor(options: S3ObjectStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.kmsKeyId = options.kmsKeyId;
    this.listPageSize = options.listPageSize;
  }

  async putStream(
    key: string,
    body: Readable,
    options: PutObjectOptions = {},
  ): Promise<PutObjectResult> {
    assertObjectKey(key);
    assertUnconditional(options, key);
    let sourceError: unknown;
    body.once('error', (error) => {
      sourceError = error;
    });
    const counter = new ByteCounter();
    const upload = new Upload({
      client: this.client,
      params: { ...this.writeParams(key, options), Body: counter },
      queueSize: S3_QUEUE_SIZE,
      partSize: S3_PART_SIZE,
      leavePartsOnError: false,
    });
    // A source failure destroys `counter`, which fails the upload (and aborts its multipart parts).
    const piping = pipeline(body, counter).catch(() => undefined);
    try {
      await upload.done();
    } catch (error) {
      body.destroy();
      counter.destroy();
      await piping;
      // A failing source (a truncated download) keeps its own typed error.
      throw sourceError ?? toObjectStoreError(error, 'upload', key);
    }
    await piping;
    return { key, bytes: counter.bytes };
  }

  async putObject(
    key: string,
    body: Buffer | string,
    options: PutObjectOptions = {},
  ): Promise<PutObjectResult> {
    assertObjectKey(key);
    const expected = options.expectedVersion;
    try {
      await this.client.send(
        new PutObjectCommand({
          ...this.writeParams(key, options),
          Body: body,
          // S3 conditional writes: 412 when the condition fails, 409 when a concurrent
          // conditional write to the key won, 404 when an If-Match key was deleted meanwhile.
          ...(expected === undefined
            ? {}
            : expected === null
              ? { IfNoneMatch: '*' }
              : { IfMatch: expected }),
        }),
      );
    } catch (error) {
      const status = httpStatusOf(error);
      const changed =
        status === 412 || status === 409 || (status === 404 && typeof expected === 'string');
      if (expected !== undefined && changed) {
        throw new ObjectChangedError(`${key} changed since it was read (HTTP ${status})`, {
          cause: error,
        });
      }
      throw toObjectStoreError(error, 'write', key);
    }
    return { key, bytes: Buffer.byteLength(body) };
  }

  async getVersioned(key: string): Promise<VersionedObject | undefined> {
    assertObjectKey(key);
    let response: { Body?: unknown; ETag?: string };
    try {
      response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      const mapped = toObjectStoreError(error, 'read', key);
      if (mapped instanceof ObjectNotFoundError) return undefined;
      throw mapped;
    }
    if (!(response.Body instanceof Readable) || response.ETag === undefined) {
      throw new ObjectStoreRequestError(`GetObject returned no body or ETag for ${key}`);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of response.Body) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    }
    return { body: Buffer.concat(chunks), version: response.ETag };
  }

  async getStream(key: string): Promise<Readable> {
    assertObjectKey(key);
    let body: unknown;
    try {
      ({ Body: body } = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      ));
    } catch (error) {
      throw toObjectStoreError(error, 'read', key);
    }
    if (!(body instanceof Readable)) {
      throw new ObjectStoreRequestError(`GetObject returned no readable body for ${key}`);
    }
    return body;
  }

  async getObject(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.getStream(key)) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }

  async exists(key: string): Promise<boolean> {
    assertObjectKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      const mapped = toObjectStoreError(error, 'inspect', key);
      if (mapped instanceof ObjectNotFoundError) return false;
      throw mapped;
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectSummary> {
    assertObjectKeyPrefix(prefix);
    let continuationToken: string | undefined;
    do {
      let response: unknown;
      try {
        response = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            ...(prefix === '' ? {} : { Prefix: prefix }),
            ...(continuationToken === undefined ? {} : { ContinuationToken: continuationToken }),
            ...(this.listPageSize === undefined ? {} : { MaxKeys: this.listPageSize }),
          }),
        );
      } catch (error) {
        throw toObjectStoreError(error, 'list', prefix);
      }
      const page = listPageSchema.safeParse(response);
      if (!page.success) {
        throw new ObjectStoreRequestError(
          `ListObjectsV2 returned an unexpected page for ${prefix}`,
          {
            cause: page.error,
          },
        );
      }
      for (const item of page.data.Contents ?? []) yield { key: item.Key, size: item.Size };
      if (page.data.IsTruncated && page.data.NextContinuationToken === undefined) {
        throw new ObjectStoreRequestError(
          `ListObjectsV2 is truncated without a token for ${prefix}`,
        );
      }
      continuationToken = page.data.IsTruncated ? page.data.NextContinuationToken : undefined;
    } while (continuationToken !== undefined);
  }

  async deleteObject(key: string, options: DeleteObjectOptions = {}): Promise<void> {
    assertObjectKey(key);
    const expected = options.expectedVersion;
    try {
      await this.client.send(
        new DeleteObjectCommand({
          Bucket: this.bucket,
          Key: key,
          // S3 conditional delete: 412 when the ETag differs, 404 when the key is gone, 409 when
          // a concurrent write or delete of the key won.
          ...(expected === undefined ? {} : { IfMatch: expected }),
        }),
      );
    } catch (error) {
      const status = httpStatusOf(error);
      const gone = status === 404 && error instanceof Error && NOT_FOUND_NAMES.has(error.name);
      if (expected !== undefined && (status === 412 || status === 409 || gone)) {
        throw new ObjectChangedError(`${key} changed since it was read (HTTP ${status})`, {
          cause: error,
        });
      }
      const mapped = toObjectStoreError(error, 'delete', key);
      if (!(mapped instanceof ObjectNotFoundError)) throw mapped;
    }
  }

  private writeParams(key: string, options: PutObjectOptions) {
    return {
      Bucket: this.bucket,
      Key: key,
      ...(options.contentType === undefined ? {} : { ContentType: options.contentType }),
      ...(options.metadata === undefined ? {} : { Metadata: options.metadata }),
      ...(this.kmsKeyId === undefined
        ? {}
        : { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: this.kmsKeyId }),
    };
  }
}

/** Multipart uploads take no write condition here: compare-and-swap is for small objects. */
function assertUnconditional(options: PutObjectOptions, key: string): void {
  if (options.expectedVersion !== undefined) {
    throw new ObjectStoreRequestError(`a streamed write of ${key} cannot be conditional`);
  }
}

/** Passes bytes through unchanged and counts them: the size of what was actually uploaded. */
class ByteCounter extends Transform {
  bytes = 0;

  override _transform(chunk: unknown, encoding: BufferEncoding, callback: TransformCallback): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), encoding);
    this.bytes += bytes.length;
    callback(null, bytes);
  }
}

/** Maps an SDK (or network) error to the lib's typed errors, keeping it as `cause`. */
function toObjectStoreError(error: unknown, action: string, key: string): Error {
  const name = error instanceof Error ? error.name : undefined;
  const status = httpStatusOf(error);
  const label = name ?? 'unknown error';
  if (name !== undefined && NOT_FOUND_NAMES.has(name)) {
    return new ObjectNotFoundError(`No object at ${key}`, { cause: error });
  }
  const message = `Could not ${action} ${key} on S3 (${label}${status ? `, HTTP ${status}` : ''})`;
  const transient =
    (name !== undefined && TRANSIENT_NAMES.has(name)) ||
    TRANSIENT_CODES.has(errorCode(error) ?? '') ||
    status === 429 ||
    (status !== undefined && status >= 500) ||
    hasRetryableFlag(error);
  return transient
    ? new ObjectStoreUnavailableError(message, { cause: error })
    : new ObjectStoreRequestError(message, { cause: error });
}

function httpStatusOf(error: unknown): number | undefined {
  if (!isRecord(error) || !isRecord(error['$metadata'])) return undefined;
  const status = error['$metadata']['httpStatusCode'];
  return typeof status === 'number' ? status : undefined;
}

function hasRetryableFlag(error: unknown): boolean {
  return isRecord(error) && isRecord(error['$retryable']);
}

function errorCode(error: unknown): string | undefined {
  return isRecord(error) && typeof error['code'] === 'string' ? error['code'] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
