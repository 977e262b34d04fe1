import type { ReportProcessingFinished } from '@spapi-lake/notifications';

// A seller's selling partner id is its merchant token (`A` and 9 to 15 more); a vendor code
// (SP-API's example: `TXXXX`) is not.
const MERCHANT_TOKEN = /^A[0-9A-Z]{9,15}$/;
const MERCHANT_ACCOUNT_PREFIX = 'amzn1.merchant.o.';

/** Whether `id` has the form of a seller's selling partner id (its merchant token). */
export function isMerchantToken(id: string): boolean {
  return MERCHANT_TOKEN.test(id);
}

/**
 * The merchant a REPORT_PROCESSING_FINISHED names: `accountId` `amzn1.merchant.o.<merchant>`, else
 * `sellerId`. Undefined for a vendor group's report (`amzn1.vg.<n>`, no `sellerId`).
 */
export function namedMerchant(
  report: Pick<ReportProcessingFinished, 'accountId' | 'sellerId'>,
): string | undefined {
  if (report.accountId.startsWith(MERCHANT_ACCOUNT_PREFIX)) {
    return report.accountId.slice(MERCHANT_ACCOUNT_PREFIX.length);
  }
  return report.sellerId;
}
