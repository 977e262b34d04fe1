import { parseInstant } from './calendar';
import { findMarketplace } from './marketplaces';
import {
  SETTLEMENT_PERIOD_MS,
  settlementFlatFileV2,
  settlementPeriods,
} from './reports/settlement';
import type { AmazonGeneratedReport } from './types';

/** Bound on the listing range (two years of settlements), so a careless `to` cannot loop forever. */
const MAX_RANGE_MS = 53 * SETTLEMENT_PERIOD_MS;

/**
 * The settlement reports Amazon generated for a seller: one per marketplace every 14 days, those
 * whose period ends in [from, to], sorted by end time. Vendors get none: settlements are payouts of
 * seller accounts.
 */
export function amazonGeneratedReports(input: {
  sellingPartnerId: string;
  accountType: 'seller' | 'vendor';
  marketplaceIds: string[];
  from: string;
  to: string;
  seed: number;
}): AmazonGeneratedReport[] {
  const fromMs = parseInstant(input.from);
  const toMs = parseInstant(input.to);
  if (input.accountType !== 'seller') return [];
  if (fromMs === undefined || toMs === undefined || toMs < fromMs) return [];
  const boundedTo = Math.min(toMs, fromMs + MAX_RANGE_MS);
  const reports = input.marketplaceIds
    .filter((id) => findMarketplace(id) !== undefined)
    .flatMap((marketplaceId) =>
      settlementPeriods(input.seed, input.sellingPartnerId, marketplaceId, fromMs, boundedTo).map(
        ({ startMs, endMs }) => {
          const dataStartTime = new Date(startMs).toISOString();
          const dataEndTime = new Date(endMs).toISOString();
          return {
            endMs,
            report: {
              reportType: settlementFlatFileV2.reportType,
              dataStartTime,
              dataEndTime,
              spec: {
                reportType: settlementFlatFileV2.reportType,
                sellingPartnerId: input.sellingPartnerId,
                accountType: 'seller' as const,
                marketplaceIds: [marketplaceId],
                dataStartTime,
                dataEndTime,
                reportOptions: {},
                seed: input.seed,
              },
            },
          };
        },
      ),
    );
  return reports.sort((a, b) => a.endMs - b.endMs).map(({ report }) => report);
}
