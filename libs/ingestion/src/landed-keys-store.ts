import type { ObjectStore } from '@spapi-lake/lake';

/**
 * The store as curation writes through it, keeping the keys of the objects that landed: when a
 * curation fails midway (a broken download after whole days' files completed), those are the
 * objects to take back, since no result lists them.
 */
export function landedKeysStore(store: ObjectStore): {
  readonly store: ObjectStore;
  readonly landed: ReadonlySet<string>;
} {
  const landed = new Set<string>();
  const recording: ObjectStore = {
    putStream: async (key, body, options) => {
      const result = await store.putStream(key, body, options);
      landed.add(key);
      return result;
    },
    putObject: async (key, body, options) => {
      const result = await store.putObject(key, body, options);
      landed.add(key);
      return result;
    },
    getStream: (key) => store.getStream(key),
    getObject: (key) => store.getObject(key),
    getVersioned: (key) => store.getVersioned(key),
    exists: (key) => store.exists(key),
    list: (prefix) => store.list(prefix),
    deleteObject: (key, options) => store.deleteObject(key, options),
  };
  return { store: recording, landed };
}
