import { generateReport, groundTruth } from './generate-report';
import { productsFor } from './listings';
import { VENDOR_ID, type brandAnalyticsRequest } from './test-support';

/** What `itHasNoDataBeforeHistoryAndServesVendors` needs of a Brand Analytics report spec. */
export interface BrandAnalyticsRulesCase {
  readonly spec: ReturnType<typeof brandAnalyticsRequest>;
  /** Valid options, given an ASIN of the requesting partner (for an ASIN list). */
  readonly options: (ownAsin: string) => Record<string, string>;
  /** A whole period before the world's history starts, with its reportPeriod. */
  readonly beforeHistory: {
    readonly reportPeriod: string;
    readonly start: string;
    readonly end: string;
  };
}

/**
 * The rules every Brand Analytics report shares: no data for a period before the world's history
 * or with rowsOverride 0, and vendors (brand owners too) served. Call inside `describe`.
 */
export function itHasNoDataBeforeHistoryAndServesVendors({
  spec,
  options,
  beforeHistory,
}: BrandAnalyticsRulesCase): void {
  it('has no data before the history start or with rowsOverride 0, and serves vendors', () => {
    const sellerAsin = productsFor(7, 'A3SELLER0EXAMPLE')[0]?.asin ?? '';
    const early = spec(
      { ...options(sellerAsin), reportPeriod: beforeHistory.reportPeriod },
      beforeHistory.start,
      beforeHistory.end,
    );
    expect(generateReport(early)).toEqual({ kind: 'no-data' });
    expect(groundTruth(early).tables).toEqual({});
    expect(
      generateReport(spec(options(sellerAsin), undefined, undefined, { rowsOverride: 0 })),
    ).toEqual({ kind: 'no-data' });
    const vendorAsin = productsFor(7, VENDOR_ID)[0]?.asin ?? '';
    const vendor = generateReport(
      spec(options(vendorAsin), undefined, undefined, {
        accountType: 'vendor',
        sellingPartnerId: VENDOR_ID,
      }),
    );
    expect(vendor.kind).toBe('document');
  });
}
