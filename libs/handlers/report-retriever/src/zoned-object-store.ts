import type { Readable } from 'node:stream';
import type {
  DeleteObjectOptions,
  ObjectStore,
  ObjectSummary,
  PutObjectOptions,
  PutObjectResult,
  VersionedObject,
} from '@spapi-lake/lake';

/** Key prefix of the raw zone (see lake's `rawReportKey`). */
export const RAW_ZONE_PREFIX = 'reports/';

/** The two buckets of the lake. */
export interface LakeZones {
  /** Raw documents exactly as received: keys under `reports/`. */
  readonly raw: ObjectStore;
  /** Everything else: curated Parquet, quarantine, manifests, ledger, error documents. */
  readonly curated: ObjectStore;
}

/**
 * One `ObjectStore` over the raw and curated buckets, routing each key by its prefix, so use cases
 * that write both zones (retrieveReport) keep a single store. Listings that span both zones are
 * merged in key order.
 */
export class ZonedObjectStore implements ObjectStore {
  constructor(private readonly zones: LakeZones) {}

  putStream(key: string, body: Readable, options?: PutObjectOptions): Promise<PutObjectResult> {
    return this.zoneOf(key).putStream(key, body, options);
  }

  putObject(
    key: string,
    body: Buffer | string,
    options?: PutObjectOptions,
  ): Promise<PutObjectResult> {
    return this.zoneOf(key).putObject(key, body, options);
  }

  getStream(key: string): Promise<Readable> {
    return this.zoneOf(key).getStream(key);
  }

  getObject(key: string): Promise<Buffer> {
    return this.zoneOf(key).getObject(key);
  }

  getVersioned(key: string): Promise<VersionedObject | undefined> {
    return this.zoneOf(key).getVersioned(key);
  }

  exists(key: string): Promise<boolean> {
    return this.zoneOf(key).exists(key);
  }

  deleteObject(key: string, options?: DeleteObjectOptions): Promise<void> {
    return this.zoneOf(key).deleteObject(key, options);
  }

  list(prefix: string): AsyncIterable<ObjectSummary> {
    if (prefix.startsWith(RAW_ZONE_PREFIX)) return this.zones.raw.list(prefix);
    // A prefix of `reports/` itself (`''`, `rep`) can match keys of both zones.
    if (RAW_ZONE_PREFIX.startsWith(prefix)) {
      return mergeByKey(this.zones.raw.list(prefix), this.zones.curated.list(prefix), (key) =>
        key.startsWith(RAW_ZONE_PREFIX),
      );
    }
    return this.zones.curated.list(prefix);
  }

  private zoneOf(key: string): ObjectStore {
    return key.startsWith(RAW_ZONE_PREFIX) ? this.zones.raw : this.zones.curated;
  }
}

// Both listings are in key byte order; keys of the wrong zone (a stray object) are left out.
async function* mergeByKey(
  raw: AsyncIterable<ObjectSummary>,
  curated: AsyncIterable<ObjectSummary>,
  isRawKey: (key: string) => boolean,
): AsyncGenerator<ObjectSummary> {
  const left = raw[Symbol.asyncIterator]();
  const right = curated[Symbol.asyncIterator]();
  const nextOf = async (
    iterator: AsyncIterator<ObjectSummary>,
    wanted: boolean,
  ): Promise<ObjectSummary | undefined> => {
    for (;;) {
      const result = await iterator.next();
      if (result.done) return undefined;
      if (isRawKey(result.value.key) === wanted) return result.value;
    }
  };
  let a = await nextOf(left, true);
  let b = await nextOf(right, false);
  for (;;) {
    if (
      a !== undefined &&
      (b === undefined || Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)) < 0)
    ) {
      yield a;
      a = await nextOf(left, true);
    } else if (b !== undefined) {
      yield b;
      b = await nextOf(right, false);
    } else {
      return;
    }
  }
}
