import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type {
  RetrievalStartResult,
  RetrievalStarter,
  UnsolicitedReportRetrieval,
} from '../retrieval-starter';
import { awsFailure } from '@spapi-lake/aws-support';
import { retrievalExecutionName } from '../retrieval-execution-name';
import { executionControlFailure } from './execution-control-failure';

/** Options of {@link SfnRetrievalStarter}. */
export interface SfnRetrievalStarterOptions {
  readonly client: SFNClient;
  /** The report retrieval state machine (RetrieveReport -> crawlers) started for unsolicited reports. */
  readonly stateMachineArn: string;
}

/**
 * Starts the retrieval workflow for a report nobody waits for. The execution is named after the
 * partner and report, so duplicates (a redelivery, a second notification) never retrieve twice.
 */
export class SfnRetrievalStarter implements RetrievalStarter {
  constructor(private readonly options: SfnRetrievalStarterOptions) {}

  async start(request: UnsolicitedReportRetrieval): Promise<RetrievalStartResult> {
    try {
      await this.options.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.options.stateMachineArn,
          name: retrievalExecutionName({
            sellingPartnerId: request.sellingPartnerId,
            reportId: request.report.reportId,
          }),
          input: JSON.stringify(request),
        }),
      );
      return 'started';
    } catch (error) {
      if (awsFailure(error).name === 'ExecutionAlreadyExists') return 'already-started';
      throw executionControlFailure('StartExecution', error);
    }
  }
}
