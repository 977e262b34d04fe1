import type { Readable } from 'node:stream';

/** Optional attributes of a written object. */
export interface PutObjectOptions {
  contentType?: string;
  /** User metadata (S3 `x-amz-meta-*`); the disk store does not keep it. */
  metadata?: Record<string, string>;
  /**
   * A compare-and-swap write (`putObject` only): the object must still be at this version (see
   * `getVersioned`), or, when null, must not exist; otherwise the write fails with
   * `ObjectChangedError` and changes nothing.
   */
  expectedVersion?: string | null;
}

/** Optional condition of a delete. */
export interface DeleteObjectOptions {
  expectedVersion?: string;
}

/** A small object with its version: changes whenever the object is written again. */
export interface VersionedObject {
  body: Buffer;
  version: string;
}

/** What a completed write stored. */
export interface PutObjectResult {
  key: string;
  /** Bytes stored, counted as they streamed through. */
  bytes: number;
}

/** One entry of a listing. */
export interface ObjectSummary {
  key: string;
  size: number;
}

/**
 * Where the lake keeps its objects: S3 on AWS, a local folder offline. Keys are relative POSIX
 * paths (see `assertObjectKey`); a write replaces the object whole, and a reader never sees a
 * partial one. Failures surface as the typed errors of this lib.
 */
export interface ObjectStore {
  /** Streams `body` into `key` without buffering it whole; resolves once the object is complete. */
  putStream(key: string, body: Readable, options?: PutObjectOptions): Promise<PutObjectResult>;
  /** Writes a small object held in memory. */
  putObject(
    key: string,
    body: Buffer | string,
    options?: PutObjectOptions,
  ): Promise<PutObjectResult>;
  /** Opens the object for reading; rejects with `ObjectNotFoundError` when it does not exist. */
  getStream(key: string): Promise<Readable>;
  /** Reads a small object whole; rejects with `ObjectNotFoundError` when it does not exist. */
  getObject(key: string): Promise<Buffer>;
  /** Reads a small object whole with its version; undefined when it does not exist. */
  getVersioned(key: string): Promise<VersionedObject | undefined>;
  exists(key: string): Promise<boolean>;
  /** Every object whose key starts with `prefix` (plain string prefix, as S3), in key byte order. */
  list(prefix: string): AsyncIterable<ObjectSummary>;
  /**
   * Deletes the object; deleting a missing object is not an error (as S3). With `expectedVersion`
   * (see `getVersioned`) a compare-and-delete: the object must still be at that version, or the
   * delete fails with `ObjectChangedError` and changes nothing.
   */
  deleteObject(key: string, options?: DeleteObjectOptions): Promise<void>;
}
