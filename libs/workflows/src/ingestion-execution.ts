import { createHash } from 'node:crypto';
import type { Account, ReportConfig } from '@spapi-lake/config';
import type { FanOutWindow, LaneRef } from './fan-out-contract';
import type { ReportIngestionInput } from './report-ingestion-contract';
import type { ReportWindow } from './report-window';

const NAME_PREFIX_LENGTH = 24;
const HASH_LENGTH = 12;

/** The lane a window belongs to; `key` is what watermarks and claims are stored under. */
export function laneOf(
  account: Account,
  reportConfig: ReportConfig,
  marketplaceId: string,
): LaneRef {
  return {
    key: laneKey(account.sellingPartnerId, account.region, reportConfig.id, marketplaceId),
    sellingPartnerId: account.sellingPartnerId,
    region: account.region,
    reportConfigId: reportConfig.id,
    reportType: reportConfig.reportType,
    marketplaceId,
  };
}

/**
 * Store key of a lane. Keyed by report config, not report type: two configs of one type with other
 * options (ASIN granularity, vendor distributor view) are separate data sets with their own progress.
 */
export function laneKey(
  sellingPartnerId: string,
  region: string,
  reportConfigId: string,
  marketplaceId: string,
): string {
  return [sellingPartnerId, region, reportConfigId, marketplaceId].join('#');
}

/**
 * Step Functions execution name of one try of one window (<= 80 characters of [A-Za-z0-9_-]):
 * readable prefix, then a hash of everything that identifies the try. Names are unique per state
 * machine for 90 days, so a second run starting the same try joins or finds the first.
 */
export function ingestionExecutionName(input: ReportIngestionInput): string {
  const marketplaceId = input.marketplaceIds[0];
  const identity = JSON.stringify([
    input.sellingPartnerId,
    input.region,
    input.reportConfigId,
    marketplaceId,
    input.window.start,
    input.window.end,
    input.attempt,
  ]);
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, HASH_LENGTH);
  const day = (iso: string) => iso.slice(0, 10).replaceAll('-', '');
  return [
    input.reportConfigId.slice(0, NAME_PREFIX_LENGTH).replace(/-+$/, ''),
    marketplaceId,
    day(input.window.start),
    `a${input.attempt}`,
    hash,
  ].join('-');
}

/** ARN of the execution named `executionName` of the state machine `stateMachineArn`. */
export function ingestionExecutionArn(stateMachineArn: string, executionName: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
}

/** Everything `toFanOutWindow` combines. */
export interface FanOutWindowInput {
  readonly account: Account;
  readonly reportConfig: ReportConfig;
  readonly window: ReportWindow;
  /** `windowAttempt(laneState, window.start)`. */
  readonly attempt: number;
  readonly ingestionStateMachineArn: string;
}

/**
 * A planned window as the fan-out starts it. The input holds no timestamps of the run, so the same
 * try always has the same input (StartExecution is idempotent only for the same name and input).
 */
export function toFanOutWindow({
  account,
  reportConfig,
  window,
  attempt,
  ingestionStateMachineArn,
}: FanOutWindowInput): FanOutWindow {
  const input: ReportIngestionInput = {
    sellingPartnerId: account.sellingPartnerId,
    region: account.region,
    accountType: account.accountType,
    reportConfigId: reportConfig.id,
    reportType: reportConfig.reportType,
    marketplaceIds: window.marketplaceIds,
    window: { start: window.start, end: window.end },
    ...(window.dataStartTime === undefined ? {} : { dataStartTime: window.dataStartTime }),
    ...(window.dataEndTime === undefined ? {} : { dataEndTime: window.dataEndTime }),
    reportOptions: window.reportOptions,
    awaitNotification: account.reportProcessingNotifications,
    attempt,
  };
  const executionName = ingestionExecutionName(input);
  return {
    executionName,
    executionArn: ingestionExecutionArn(ingestionStateMachineArn, executionName),
    ...(window.previousWatermark === undefined
      ? {}
      : { previousWatermark: window.previousWatermark }),
    input,
  };
}
