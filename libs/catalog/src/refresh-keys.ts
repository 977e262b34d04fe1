import { assertObjectKey } from '@spapi-lake/lake';
import { CatalogRefreshInputError } from './errors';
import { REFRESH_ID_PATTERN } from './refresh-id';

// Work objects of a refresh live under `_work/` (no crawler reads it; infra expires it after a
// week); the refresh's manifest under `_manifests/`, next to the report manifests.

const PARTNER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MARKETPLACE_ID = /^[A-Z0-9]{1,64}$/;

function component(label: string, value: string, pattern: RegExp): string {
  if (pattern.test(value)) return value;
  throw new CatalogRefreshInputError(
    `${label} cannot be part of a lake key: ${JSON.stringify(value)}`,
  );
}

/** `_work/catalog-refresh/selling_partner_id=<id>/<refreshId>/`: every work object of a refresh. */
export function refreshWorkPrefix(sellingPartnerId: string, refreshId: string): string {
  return [
    '_work/catalog-refresh',
    `selling_partner_id=${component('sellingPartnerId', sellingPartnerId, PARTNER_ID)}`,
    `${component('refreshId', refreshId, REFRESH_ID_PATTERN)}/`,
  ].join('/');
}

/** Prefix of the ASIN lists of one marketplace's listings parts. */
export function listingsAsinsPrefix(
  sellingPartnerId: string,
  refreshId: string,
  marketplaceId: string,
): string {
  const marketplace = component('marketplaceId', marketplaceId, MARKETPLACE_ID);
  return `${refreshWorkPrefix(sellingPartnerId, refreshId)}listings-asins/marketplace_id=${marketplace}/`;
}

/** The ASINs one listings part found in a marketplace (input of the `listings` catalog source). */
export function listingsAsinsKey(
  sellingPartnerId: string,
  refreshId: string,
  marketplaceId: string,
  part: number,
): string {
  return checkedKey(
    `${listingsAsinsPrefix(sellingPartnerId, refreshId, marketplaceId)}part-${pad(part)}.json`,
  );
}

/** The chunk list a Distributed Map reads (a JSON array of chunks). */
export function chunkManifestKey(sellingPartnerId: string, refreshId: string): string {
  return checkedKey(`${refreshWorkPrefix(sellingPartnerId, refreshId)}chunks.json`);
}

/** Prefix of the chunk summaries of a refresh. */
export function chunkSummaryPrefix(sellingPartnerId: string, refreshId: string): string {
  return `${refreshWorkPrefix(sellingPartnerId, refreshId)}chunk-summaries/`;
}

/** What one catalog chunk did (read back by FinishRefresh). */
export function chunkSummaryKey(
  sellingPartnerId: string,
  refreshId: string,
  index: number,
): string {
  return checkedKey(`${chunkSummaryPrefix(sellingPartnerId, refreshId)}chunk-${pad(index)}.json`);
}

/** `_manifests/catalog-refresh/selling_partner_id=<id>/<refreshId>.json`: the refresh's manifest. */
export function refreshManifestKey(sellingPartnerId: string, refreshId: string): string {
  return checkedKey(
    [
      '_manifests/catalog-refresh',
      `selling_partner_id=${component('sellingPartnerId', sellingPartnerId, PARTNER_ID)}`,
      `${component('refreshId', refreshId, REFRESH_ID_PATTERN)}.json`,
    ].join('/'),
  );
}

/** The file id (last key segment) of a listings part or a catalog chunk. */
export function refreshFileId(
  refreshId: string,
  kind: 'listings' | 'catalog',
  index: number,
): string {
  return `${component('refreshId', refreshId, REFRESH_ID_PATTERN)}-${kind === 'listings' ? 'l' : 'c'}${pad(index)}`;
}

function pad(index: number): string {
  return String(index).padStart(5, '0');
}

function checkedKey(key: string): string {
  assertObjectKey(key);
  return key;
}
