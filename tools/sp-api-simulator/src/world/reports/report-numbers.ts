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
