import { createHash, randomUUID } from 'node:crypto';
import { type Dirent, createWriteStream } from 'node:fs';
import {
  type FileHandle,
  mkdir,
  open,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  unlink,
} from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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

const TRANSIENT_FS_CODES = new Set(['EMFILE', 'ENFILE', 'EAGAIN', 'EBUSY', 'EINTR', 'ETIMEDOUT']);
const MISSING_FS_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/**
 * The lake as a plain folder (the local twin of S3, and what DuckDB reads): key `a/b.parquet` is
 * file `<rootDir>/a/b.parquet`. Writes go to a dot-named temp file in the target's directory and are
 * renamed into place, so readers never see a partial object and a rewrite replaces it whole.
 * Content type and user metadata are not kept: a folder has no place for them. An object's version
 * is the SHA-256 of its bytes; compare-and-swap writes are atomic among the writers of one process
 * (the local runner is one), not across processes.
 */
export class LocalDiskObjectStore implements ObjectStore {
  private readonly root: string;
  /** The conditional write in progress per key: the next one waits for it. */
  private readonly conditionalWrites = new Map<string, Promise<unknown>>();

  constructor(rootDir: string) {
    this.root = path.resolve(rootDir);
  }

  async putStream(
    key: string,
    body: Readable,
    options?: PutObjectOptions,
  ): Promise<PutObjectResult> {
    assertObjectKey(key);
    if (options?.expectedVersion !== undefined) {
      throw new ObjectStoreRequestError(`a streamed write of ${key} cannot be conditional`);
    }
    let sourceError: unknown;
    body.once('error', (error) => {
      sourceError = error;
    });
    try {
      return await this.writeAtomically(key, async (tempPath) => {
        // fsync before the rename, or a crash could leave a complete-looking empty file behind.
        const file = createWriteStream(tempPath, { flags: 'wx', flush: true });
        await pipeline(body, file);
        return file.bytesWritten;
      });
    } catch (error) {
      // A failing source (a truncated download) keeps its own typed error.
      throw sourceError ?? error;
    }
  }

  async putObject(
    key: string,
    body: Buffer | string,
    options: PutObjectOptions = {},
  ): Promise<PutObjectResult> {
    assertObjectKey(key);
    const expected = options.expectedVersion;
    if (expected === undefined) return this.writeBytes(key, body);
    return this.oneAtATime(key, async () => {
      const current = await this.getVersioned(key);
      if ((current?.version ?? null) !== expected) {
        throw new ObjectChangedError(`${key} changed since it was read`);
      }
      return this.writeBytes(key, body);
    });
  }

  async getVersioned(key: string): Promise<VersionedObject | undefined> {
    assertObjectKey(key);
    let body: Buffer;
    try {
      body = await readFile(this.pathOf(key));
    } catch (error) {
      if (MISSING_FS_CODES.has(errorCode(error) ?? '')) return undefined;
      throw toStoreError(error, 'read', key);
    }
    return { body, version: createHash('sha256').update(body).digest('hex') };
  }

  private async oneAtATime<T>(key: string, write: () => Promise<T>): Promise<T> {
    const before = this.conditionalWrites.get(key) ?? Promise.resolve();
    const result = before.catch(() => undefined).then(write);
    const settled = result.catch(() => undefined);
    this.conditionalWrites.set(key, settled);
    try {
      return await result;
    } finally {
      if (this.conditionalWrites.get(key) === settled) this.conditionalWrites.delete(key);
    }
  }

  private writeBytes(key: string, body: Buffer | string): Promise<PutObjectResult> {
    return this.writeAtomically(key, async (tempPath) => {
      const handle = await open(tempPath, 'wx');
      try {
        await handle.writeFile(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return Buffer.byteLength(body);
    });
  }

  async getStream(key: string): Promise<Readable> {
    assertObjectKey(key);
    const filePath = this.pathOf(key);
    let handle: FileHandle;
    try {
      handle = await open(filePath, 'r');
    } catch (error) {
      throw toStoreError(error, 'read', key);
    }
    try {
      if (!(await handle.stat()).isFile()) throw new ObjectNotFoundError(`No object at ${key}`);
    } catch (error) {
      await handle.close();
      throw toStoreError(error, 'read', key);
    }
    // Reading goes on from this handle, so a concurrent rewrite (a rename) cannot tear the bytes.
    return handle.createReadStream();
  }

  async getObject(key: string): Promise<Buffer> {
    assertObjectKey(key);
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      throw toStoreError(error, 'read', key);
    }
  }

  async exists(key: string): Promise<boolean> {
    assertObjectKey(key);
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if (MISSING_FS_CODES.has(errorCode(error) ?? '')) return false;
      throw toStoreError(error, 'inspect', key);
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectSummary> {
    assertObjectKeyPrefix(prefix);
    // Start in the deepest directory the prefix names whole; `a/b` and `a/b/` both start in `a`/`a/b`.
    const slash = prefix.lastIndexOf('/');
    yield* this.walk(slash === -1 ? '' : prefix.slice(0, slash), prefix);
  }

  async deleteObject(key: string, options: DeleteObjectOptions = {}): Promise<void> {
    assertObjectKey(key);
    const expected = options.expectedVersion;
    if (expected !== undefined) {
      return this.oneAtATime(key, async () => {
        const current = await this.getVersioned(key);
        if (current?.version !== expected) {
          throw new ObjectChangedError(`${key} changed since it was read`);
        }
        return this.deleteObject(key);
      });
    }
    try {
      await unlink(this.pathOf(key));
    } catch (error) {
      // Deleting what is not there is not an error, as on S3. Empty directories are left in place:
      // they hold no keys, and removing them would race with concurrent writes into them.
      if (MISSING_FS_CODES.has(errorCode(error) ?? '')) return;
      throw toStoreError(error, 'delete', key);
    }
  }

  private async *walk(directoryKey: string, prefix: string): AsyncGenerator<ObjectSummary> {
    let entries: Dirent[];
    try {
      entries = await readdir(this.pathOf(directoryKey), { withFileTypes: true });
    } catch (error) {
      if (MISSING_FS_CODES.has(errorCode(error) ?? '')) return;
      throw toStoreError(error, 'list', prefix);
    }
    // Sorting directory `x` as `x/` makes a depth-first walk yield keys in S3's byte order.
    const ordered = entries
      .filter((entry) => !entry.name.startsWith('.') && (entry.isFile() || entry.isDirectory()))
      .map((entry) => ({
        entry,
        sortKey: Buffer.from(entry.isDirectory() ? `${entry.name}/` : entry.name),
      }))
      .sort((a, b) => Buffer.compare(a.sortKey, b.sortKey));
    for (const { entry } of ordered) {
      const key = directoryKey === '' ? entry.name : `${directoryKey}/${entry.name}`;
      if (entry.isDirectory()) {
        const keyPrefix = `${key}/`;
        if (keyPrefix.startsWith(prefix) || prefix.startsWith(keyPrefix)) {
          yield* this.walk(key, prefix);
        }
      } else if (key.startsWith(prefix)) {
        const size = await this.sizeOf(key);
        if (size !== undefined) yield { key, size };
      }
    }
  }

  private async sizeOf(key: string): Promise<number | undefined> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch (error) {
      // Deleted between readdir and stat: it is simply no longer part of the listing.
      if (MISSING_FS_CODES.has(errorCode(error) ?? '')) return undefined;
      throw toStoreError(error, 'list', key);
    }
  }

  private async writeAtomically(
    key: string,
    write: (tempPath: string) => Promise<number>,
  ): Promise<PutObjectResult> {
    const target = this.pathOf(key);
    const directory = path.dirname(target);
    // Same directory, so the rename stays on one file system and is atomic; dot names are not keys.
    const tempPath = path.join(directory, `.tmp-${randomUUID()}`);
    try {
      await mkdir(directory, { recursive: true });
      const bytes = await write(tempPath);
      await rename(tempPath, target);
      return { key, bytes };
    } catch (error) {
      await rm(tempPath, { force: true }).catch(() => undefined);
      throw toStoreError(error, 'write', key);
    }
  }

  private pathOf(key: string): string {
    return key === '' ? this.root : path.join(this.root, ...key.split('/'));
  }
}

function toStoreError(error: unknown, action: string, key: string): unknown {
  if (error instanceof ObjectNotFoundError) return error;
  const code = errorCode(error);
  if (code === undefined) return error;
  if (action === 'read' && MISSING_FS_CODES.has(code)) {
    return new ObjectNotFoundError(`No object at ${key}`, { cause: error });
  }
  const message = `Could not ${action} ${key} on local disk (${code})`;
  return TRANSIENT_FS_CODES.has(code)
    ? new ObjectStoreUnavailableError(message, { cause: error })
    : new ObjectStoreRequestError(message, { cause: error });
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
