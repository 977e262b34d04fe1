import {
  DescribeExecutionCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { awsFailure } from '@spapi-lake/aws-support';
import { z } from 'zod';
import type { RetrievalRetrier, RetrievalRetryResult } from '../retrieval-retrier';
import type { UnsolicitedReportRetrieval } from '../retrieval-starter';
import { executionControlFailure } from './execution-control-failure';
import { retryAfterFailedAttempts } from './retrieval-attempts';
import { retrievalExecutionName } from '../retrieval-execution-name';

/** Attempts of one report's retrieval a sweep starts at most, the first included. */
export const DEFAULT_MAX_RETRIEVAL_ATTEMPTS = 5;

/** Options of {@link SfnRetrievalRetrier}. */
export interface SfnRetrievalRetrierOptions {
  readonly client: SFNClient;
  /** The report retrieval state machine (the one SfnRetrievalStarter starts). */
  readonly stateMachineArn: string;
  readonly maxAttempts?: number;
}

/**
 * Name of attempt `attempt` of a retrieval: the first is the starter's own name (so a notification
 * and a sweep share it), later ones append `-attempt-<n>`, within Step Functions' 80 characters.
 */
export function retrievalAttemptName(request: UnsolicitedReportRetrieval, attempt: number): string {
  const first = retrievalExecutionName({
    sellingPartnerId: request.sellingPartnerId,
    reportId: request.report.reportId,
  });
  if (attempt <= 1) return first;
  const suffix = `-attempt-${attempt}`;
  return `${first.slice(0, 80 - suffix.length)}${suffix}`;
}

const describedSchema = z.object({ status: z.string() });

/**
 * Starts the next retrieval attempt of a report only when every earlier attempt has closed
 * without success (FAILED, TIMED_OUT, ABORTED): DescribeExecution walks the attempts in order.
 * Step Functions keeps a closed execution's name taken for 90 days, Amazon the report as long, so
 * names per attempt are what lets a later sweep try again.
 */
export class SfnRetrievalRetrier implements RetrievalRetrier {
  private readonly executionPrefix: string;
  private readonly maxAttempts: number;

  constructor(private readonly options: SfnRetrievalRetrierOptions) {
    this.executionPrefix = `${options.stateMachineArn.replace(':stateMachine:', ':execution:')}:`;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_RETRIEVAL_ATTEMPTS;
  }

  async retryFailed(request: UnsolicitedReportRetrieval): Promise<RetrievalRetryResult> {
    return retryAfterFailedAttempts({
      statusOf: (attempt) => this.status(retrievalAttemptName(request, attempt)),
      start: (attempt) => this.start(retrievalAttemptName(request, attempt), request),
      maxAttempts: this.maxAttempts,
    });
  }

  private async status(name: string): Promise<string | undefined> {
    try {
      const described = await this.options.client.send(
        new DescribeExecutionCommand({ executionArn: `${this.executionPrefix}${name}` }),
      );
      return describedSchema.parse(described).status;
    } catch (error) {
      if (awsFailure(error).name === 'ExecutionDoesNotExist') return undefined;
      throw executionControlFailure('DescribeExecution', error);
    }
  }

  /** False when a concurrent sweep started the same attempt first. */
  private async start(name: string, request: UnsolicitedReportRetrieval): Promise<boolean> {
    try {
      await this.options.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.options.stateMachineArn,
          name,
          input: JSON.stringify(request),
        }),
      );
      return true;
    } catch (error) {
      if (awsFailure(error).name === 'ExecutionAlreadyExists') return false;
      throw executionControlFailure('StartExecution', error);
    }
  }
}
