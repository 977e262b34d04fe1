import { createHash } from 'node:crypto';
import type { ReportKey } from './report-key';

const MAX_NAME_LENGTH = 80;
const PARTNER_PREFIX_LENGTH = 16;
const HASH_LENGTH = 12;

/**
 * Step Functions execution name of the retrieval of one partner's report, within 80 characters of
 * [A-Za-z0-9_-]: `report-<partner>-<reportId>-<hash>`. The readable parts may be cut or have
 * characters replaced, so the hash of (sellingPartnerId, reportId) keeps names of different
 * reports apart; the same report always gets the same name, so a second start finds the first.
 */
export function retrievalExecutionName(key: ReportKey): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([key.sellingPartnerId, key.reportId]))
    .digest('hex')
    .slice(0, HASH_LENGTH);
  const partner = safe(key.sellingPartnerId).slice(0, PARTNER_PREFIX_LENGTH);
  const head = `report-${partner}-`;
  const reportId = safe(key.reportId).slice(0, MAX_NAME_LENGTH - head.length - HASH_LENGTH - 1);
  return `${head}${reportId}-${hash}`;
}

function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}
