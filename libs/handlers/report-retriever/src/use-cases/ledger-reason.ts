/** Longest reason a ledger entry holds (lake's ledger schema). */
export const MAX_LEDGER_REASON_CHARS = 2000;

/** `reason` cut to what a ledger entry holds, marked when cut. */
export function ledgerReason(reason: string): string {
  const trimmed = reason.trim() === '' ? 'no reason given' : reason.trim();
  return trimmed.length <= MAX_LEDGER_REASON_CHARS
    ? trimmed
    : `${trimmed.slice(0, MAX_LEDGER_REASON_CHARS - 1)}…`;
}
