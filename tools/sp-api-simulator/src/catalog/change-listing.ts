import type { SimulatorContext } from '../server/context';
import type { ListingIssue, ListingRecord, ListingStatus } from './listing-record';
import { listingKey, listingOverrides, listingsTruth } from './listings-truth';

/** An issue to put on a listing; omitted fields get plausible defaults. */
export interface ListingIssueInput {
  readonly severity: 'ERROR' | 'WARNING' | 'INFO';
  readonly code?: string;
  readonly message?: string;
  readonly categories?: readonly string[];
  readonly attributeNames?: readonly string[];
  /** e.g. LISTING_SUPPRESSED, SEARCH_SUPPRESSED, ATTRIBUTE_SUPPRESSED, CATALOG_ITEM_REMOVED. */
  readonly enforcementActions?: readonly string[];
}

/** A control-handle change to one listing. */
export interface ListingChange {
  /** The new status set; `DELETED` removes the listing. */
  readonly status?: readonly (ListingStatus | 'DELETED')[];
  /** The new issue list (replaces the current one; `[]` clears it). */
  readonly issues?: readonly ListingIssueInput[];
  /** The new B2C price in the listing's currency. */
  readonly price?: number | string;
}

/** Thrown when the control call names a listing that does not exist. */
export class UnknownListingError extends Error {
  override readonly name = 'UnknownListingError';
}

/** What changeListing did. */
export interface ListingChangeResult {
  /** The listing after the change; undefined once deleted. */
  readonly listing: ListingRecord | undefined;
  readonly notifications: readonly (
    'LISTINGS_ITEM_STATUS_CHANGE' | 'LISTINGS_ITEM_ISSUES_CHANGE'
  )[];
}

/**
 * Changes a listing (status, issues, price) at the simulated time and emits the notifications SP-API
 * would: LISTINGS_ITEM_STATUS_CHANGE when the status set changes, LISTINGS_ITEM_ISSUES_CHANGE when
 * the issues change.
 */
export interface ChangeListingInput {
  readonly sellingPartnerId: string;
  readonly sku: string;
  readonly marketplaceId: string;
  readonly change: ListingChange;
}

export function changeListing(
  context: SimulatorContext,
  input: ChangeListingInput,
): ListingChangeResult {
  const { world, clock } = context;
  const now = clock.now();
  const current = listingsTruth(world, input.sellingPartnerId, input.marketplaceId, now).find(
    (record) => record.sku === input.sku,
  );
  if (current === undefined) {
    throw new UnknownListingError(
      `No listing ${input.sku} of ${input.sellingPartnerId} in ${input.marketplaceId}`,
    );
  }
  const { change } = input;
  const deleted = change.status?.includes('DELETED') === true;
  const status =
    change.status === undefined
      ? current.status
      : sortStatus(change.status.filter((s): s is ListingStatus => s !== 'DELETED'));
  const issues = change.issues === undefined ? current.issues : change.issues.map(toIssue);
  const overrides = listingOverrides(world);
  const key = listingKey(input.sellingPartnerId, input.marketplaceId, input.sku);
  const previous = overrides.get(key);
  overrides.set(key, {
    ...previous,
    status,
    issues,
    ...(change.price === undefined || current.price === undefined
      ? {}
      : { price: { currencyCode: current.price.currencyCode, amount: String(change.price) } }),
    ...(deleted ? { deleted: true } : {}),
    lastUpdated: now,
  });

  const notifications: ListingChangeResult['notifications'][number][] = [];
  const createdDate = current.createdDate;
  if (deleted || !sameSet(status, current.status)) {
    context.notifications.listingsItemStatusChange({
      sellingPartnerId: input.sellingPartnerId,
      sku: input.sku,
      marketplaceId: input.marketplaceId,
      asin: current.asin,
      status: deleted ? ['DELETED'] : [...status],
      createdDate,
    });
    notifications.push('LISTINGS_ITEM_STATUS_CHANGE');
  }
  if (!deleted && JSON.stringify(issues) !== JSON.stringify(current.issues)) {
    context.notifications.listingsItemIssuesChange({
      sellingPartnerId: input.sellingPartnerId,
      sku: input.sku,
      marketplaceId: input.marketplaceId,
      asin: current.asin,
      ...issueSummary(issues),
    });
    notifications.push('LISTINGS_ITEM_ISSUES_CHANGE');
  }
  const listing = deleted
    ? undefined
    : listingsTruth(world, input.sellingPartnerId, input.marketplaceId, now).find(
        (record) => record.sku === input.sku,
      );
  return { listing, notifications };
}

// The notification view of a listing's issues: severities (NONE when there is no ERROR or WARNING)
// and the enforcement actions in force.
function issueSummary(issues: readonly ListingIssue[]): {
  severities: ('NONE' | 'ERROR' | 'WARNING')[];
  enforcementActions: string[];
} {
  const severities = (['ERROR', 'WARNING'] as const).filter((severity) =>
    issues.some((issue) => issue.severity === severity),
  );
  const enforcementActions = [
    ...new Set(issues.flatMap((issue) => issue.enforcements?.actions.map((a) => a.action) ?? [])),
  ];
  return { severities: severities.length === 0 ? ['NONE'] : [...severities], enforcementActions };
}

function toIssue(input: ListingIssueInput): ListingIssue {
  const actions = input.enforcementActions ?? [];
  return {
    code: input.code ?? (input.severity === 'ERROR' ? '90220' : '18155'),
    message:
      input.message ??
      (input.severity === 'ERROR'
        ? "'item_name' is required but not supplied."
        : "The 'bullet_point' attribute is recommended for this product type."),
    severity: input.severity,
    categories: input.categories ?? ['MISSING_ATTRIBUTE'],
    ...(input.attributeNames === undefined ? {} : { attributeNames: input.attributeNames }),
    ...(actions.length === 0
      ? {}
      : {
          enforcements: {
            actions: actions.map((action) => ({ action })),
            exemption: { status: 'NOT_EXEMPT' as const },
          },
        }),
  };
}

const STATUS_ORDER: readonly ListingStatus[] = ['BUYABLE', 'DISCOVERABLE'];

function sortStatus(status: readonly ListingStatus[]): ListingStatus[] {
  return STATUS_ORDER.filter((s) => status.includes(s));
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}
