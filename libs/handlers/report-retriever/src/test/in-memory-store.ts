import { Readable } from 'node:stream';
import {
  ObjectNotFoundError,
  type ObjectStore,
  type ObjectSummary,
  type PutObjectResult,
} from '@spapi-lake/lake';

/** An object store in a Map, for unit tests of the use cases. */
export class InMemoryStore implements ObjectStore {
  readonly objects = new Map<string, Buffer>();

  async putStream(key: string, body: Readable): Promise<PutObjectResult> {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
    return this.putObject(key, Buffer.concat(chunks));
  }

  async putObject(key: string, body: Buffer | string): Promise<PutObjectResult> {
    const bytes = Buffer.from(body);
    this.objects.set(key, bytes);
    return { key, bytes: bytes.length };
  }

  async getStream(key: string): Promise<Readable> {
    return Readable.from([await this.getObject(key)]);
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

  async deleteObject(key: string): Promise<void> {
    this.objects.delete(key);
  }
}
