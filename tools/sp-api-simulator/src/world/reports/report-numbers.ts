import { createHash } from 'node:crypto';
import type { ReportState } from './report-state';

/**
 * A new report or report schedule id. Amazon's are numeric and never repeat; these follow the
 * simulated clock (never below its epoch ms, one higher than the last otherwise), so a simulator
 * started on a later clock never reissues an earlier instance's ids, while a fixed clock keeps them
 * reproducible.
 */
export function newReportNumber(state: ReportState, now: number): string {
  const number = Math.max(state.nextReportNumber, Math.floor(now));
  state.nextReportNumber = number + 1;
  return String(number);
}

// Below the clock-based ids (epoch milliseconds, 13 digits): the two never meet.
const GENERATED_FIRST = 10_000_000_000n;
const GENERATED_RANGE = 80_000_000_000n;

/**
 * The id of a report Amazon generated (a settlement): derived from the world's seed and what
 * identifies the report (partner, type, period, marketplaces), so a simulator restarted on the same
 * world lists it under the same id, as Amazon keeps one id per report for as long as it lists it.
 */
export function generatedReportNumber(state: ReportState, seed: number, key: string): string {
  const digest = createHash('sha256').update(`${seed}|${key}`).digest();
  let number = GENERATED_FIRST + (digest.readBigUInt64BE(0) % GENERATED_RANGE);
  while (state.reports.has(String(number))) number += 1n;
  return String(number);
}
