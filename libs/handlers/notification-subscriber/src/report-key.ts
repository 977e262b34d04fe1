/**
 * A report as SP-API identifies it: a report id "is unique only in combination with a seller ID",
 * so waiters, outcomes and retrievals are keyed by both.
 */
export interface ReportKey {
  /** The configured account's selling partner id (the waiter's; a notification's via its partner). */
  readonly sellingPartnerId: string;
  readonly reportId: string;
}

/**
 * One string for a report key, `<sellingPartnerId>#<reportId>`. Unambiguous: a configured selling
 * partner id never contains `#` (see `AccountSchema`).
 */
export function reportKeyId(key: ReportKey): string {
  return `${key.sellingPartnerId}#${key.reportId}`;
}
