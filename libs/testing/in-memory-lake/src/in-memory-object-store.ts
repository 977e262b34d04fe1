import { Readable } from 'node:stream';
import {
  type DeleteObjectOptions,
  ObjectChangedError,
  ObjectNotFoundError,
  type ObjectStore,
  type ObjectSummary,
  type PutObjectOptions,
  type PutObjectResult,
  type VersionedObject,
} from '@spapi-lake/lake';

/**
 * An ObjectStore in a Map, for unit tests of the use cases; a streamed write lands only once its body
 * ended cleanly.
 */
export class InMemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, Buffer>();
  readonly contentTypes = new Map<string, string | undefined>();
  /** Keys deleted, in order. */
  readonly deleted: string[] = [];
  private readonly versions = new Map<string, string>();
  private writes = 0;
  /** Streamed writes not settled yet. */
  inFlight = 0;

  async putStream(
    key: string,
    body: Readable,
    options?: PutObjectOptions,
  ): Promise<PutObjectResult> {
    this.inFlight += 1;
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of body) {
        chunks.push(
          typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array),
        );
      }
      return await this.putObject(key, Buffer.concat(chunks), options);
    } finally {
      this.inFlight -= 1;
    }
  }

  async putObject(
    key: string,
    body: Buffer | string,
    options?: PutObjectOptions,
  ): Promise<PutObjectResult> {
    const expected = options?.expectedVersion;
    if (expected !== undefined && this.versionOf(key) !== expected) {
      throw new ObjectChangedError(`${key} changed since it was read`);
    }
    const bytes = Buffer.from(body);
    this.objects.set(key, bytes);
    this.versions.set(key, String(++this.writes));
    this.contentTypes.set(key, options?.contentType);
    return { key, bytes: bytes.length };
  }

  async getStream(key: string): Promise<Readable> {
    return Readable.from([await this.getObject(key)]);
  }

  async getVersioned(key: string): Promise<VersionedObject | undefined> {
    const body = this.objects.get(key);
    const version = this.versionOf(key);
    return body === undefined || version === null ? undefined : { body, version };
  }

  // Objects a test put straight into `objects` get a version when first asked.
  private versionOf(key: string): string | null {
    if (!this.objects.has(key)) return null;
    let version = this.versions.get(key);
    if (version === undefined) {
      version = String(++this.writes);
      this.versions.set(key, version);
    }
    return version;
  }

  async getObject(key: string): Promise<Buffer> {
    const bytes = this.objects.get(key);
    if (bytes === undefined) throw new ObjectNotFoundError(`no object ${key}`);
    return bytes;
  }

  async exists(key: string): Promise<boolean> {
    return this.objects.has(key);
  }

  async *list(prefix: string): AsyncIterable<ObjectSummary> {
    for (const key of [...this.objects.keys()].sort()) {
      if (key.startsWith(prefix)) yield { key, size: this.objects.get(key)?.length ?? 0 };
    }
  }

  async deleteObject(key: string, options: DeleteObjectOptions = {}): Promise<void> {
    const expected = options.expectedVersion;
    if (expected !== undefined && this.versionOf(key) !== expected) {
      throw new ObjectChangedError(`${key} changed since it was read`);
    }
    this.deleted.push(key);
    this.objects.delete(key);
    this.versions.delete(key);
  }

  /** Keys under `prefix`, sorted. */
  keys(prefix = ''): string[] {
    return [...this.objects.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  /** The JSON document at `key` (null when absent). */
  json(key: string): unknown {
    return JSON.parse(this.objects.get(key)?.toString('utf8') ?? 'null');
  }

  /** A snapshot of every key and its bytes, for before/after comparisons. */
  snapshot(): Map<string, string> {
    return new Map([...this.objects].map(([key, bytes]) => [key, bytes.toString('base64')]));
  }
}
