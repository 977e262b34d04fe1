import type { ObjectStore } from '@spapi-lake/lake';
import { z } from 'zod';
import type {
  CatalogChunk,
  CatalogChunkPlan,
  CatalogChunkQuery,
  PlanCatalogInput,
} from './catalog-refresh-contract';
import { CatalogRefreshInputError } from './errors';
import { normaliseIdentifiers, parseIdentifierList, sliceInto } from './identifier-batches';
import { type CatalogIdentifierType, CatalogLimits } from './included-data';
import { chunkManifestKey, listingsAsinsPrefix } from './refresh-keys';
import { isNotFound, listKeys, readJsonObject, writeJsonObject } from './work-objects';

/** Dependencies and tunables of {@link planCatalogChunks}. */
export interface PlanCatalogChunksDeps {
  readonly store: ObjectStore;
  /** Identifiers per chunk (one FetchCatalogChunk invocation); a multiple of 20 packs calls full. */
  readonly chunkSize: number;
  /** Beyond this many chunks the plan goes to a manifest object for a Distributed Map. */
  readonly inlineChunkLimit: number;
  /** Bucket the state machine's ItemReader reads `store` keys from; none: plans stay inline. */
  readonly itemReaderBucket?: string;
}

const asinList = z.array(z.string());

/**
 * Cuts the catalog part of a refresh into chunks: the identifiers of one marketplace (normalised,
 * de-duplicated, `chunkSize` per chunk, sent 20 per call), or one keyword query per marketplace.
 * Small plans travel inline in the execution state; larger ones are written as a JSON array for the
 * Distributed Map's ItemReader, since state is capped at 256 KiB.
 */
export async function planCatalogChunks(
  deps: PlanCatalogChunksDeps,
  input: PlanCatalogInput,
): Promise<CatalogChunkPlan> {
  const { refresh, catalog } = input;
  const chunks: CatalogChunk[] = [];
  let identifierCount = 0;
  const add = (marketplaceId: string, query: CatalogChunkQuery): void => {
    chunks.push({ index: chunks.length, marketplaceId, query });
  };
  const addIdentifiers = (
    marketplaceId: string,
    identifiersType: CatalogIdentifierType,
    identifiers: readonly string[],
  ): void => {
    const normalised = normaliseIdentifiers(identifiersType, identifiers);
    identifierCount += normalised.length;
    for (const slice of sliceInto(
      normalised,
      Math.max(CatalogLimits.identifiersPerCall, deps.chunkSize),
    )) {
      add(marketplaceId, { kind: 'identifiers', identifiersType, identifiers: slice });
    }
  };

  const { source } = catalog;
  switch (source.kind) {
    case 'listings':
      for (const marketplaceId of catalog.marketplaceIds) {
        const asins: string[] = [];
        const prefix = listingsAsinsPrefix(
          refresh.sellingPartnerId,
          refresh.refreshId,
          marketplaceId,
        );
        for (const key of await listKeys(deps.store, prefix)) {
          asins.push(...(await readJsonObject(deps.store, key, asinList)));
        }
        addIdentifiers(marketplaceId, 'ASIN', asins.sort());
      }
      break;
    case 'identifiers':
      for (const marketplaceId of catalog.marketplaceIds) {
        addIdentifiers(marketplaceId, source.identifiersType, source.identifiers);
      }
      break;
    case 'identifiersObject': {
      const identifiers = await readIdentifierObject(deps.store, source.key);
      for (const marketplaceId of catalog.marketplaceIds) {
        addIdentifiers(marketplaceId, source.identifiersType, identifiers);
      }
      break;
    }
    case 'keywords':
      for (const marketplaceId of catalog.marketplaceIds) {
        add(marketplaceId, {
          kind: 'keywords',
          keywords: source.keywords,
          ...(source.brandNames === undefined ? {} : { brandNames: source.brandNames }),
          ...(source.classificationIds === undefined
            ? {}
            : { classificationIds: source.classificationIds }),
          ...(source.keywordsLocale === undefined ? {} : { keywordsLocale: source.keywordsLocale }),
          maxResults: source.maxResults,
        });
      }
      break;
  }

  const settings = {
    includedData: catalog.includedData,
    ...(catalog.locale === undefined ? {} : { locale: catalog.locale }),
  };
  if (chunks.length > deps.inlineChunkLimit && deps.itemReaderBucket !== undefined) {
    const key = chunkManifestKey(refresh.sellingPartnerId, refresh.refreshId);
    await writeJsonObject(deps.store, key, chunks);
    return {
      settings,
      chunkCount: chunks.length,
      identifierCount,
      itemReader: { Bucket: deps.itemReaderBucket, Key: key },
    };
  }
  return { settings, chunkCount: chunks.length, identifierCount, chunks };
}

async function readIdentifierObject(store: ObjectStore, key: string): Promise<string[]> {
  let text: string;
  try {
    text = (await store.getObject(key)).toString('utf8');
  } catch (error) {
    if (isNotFound(error)) {
      throw new CatalogRefreshInputError(`identifiers object ${key} does not exist`, {
        cause: error,
      });
    }
    throw error;
  }
  const identifiers = parseIdentifierList(text);
  if (identifiers === undefined) {
    throw new CatalogRefreshInputError(
      `identifiers object ${key} is neither a JSON array of strings nor one identifier per line`,
    );
  }
  return identifiers;
}
