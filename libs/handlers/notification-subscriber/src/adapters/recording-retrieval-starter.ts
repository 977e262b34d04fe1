import type {
  RetrievalStartResult,
  RetrievalStarter,
  UnsolicitedReportRetrieval,
} from '../retrieval-starter';
import { retrievalExecutionName } from '../retrieval-execution-name';

/**
 * The local retrieval starter: records each request once per execution name (partner and report,
 * as the AWS adapter names it) and hands new ones to `onStart` (the local runner retrieves there).
 */
export class RecordingRetrievalStarter implements RetrievalStarter {
  private readonly started = new Map<string, UnsolicitedReportRetrieval>();

  constructor(
    private readonly onStart?: (request: UnsolicitedReportRetrieval) => Promise<void> | void,
  ) {}

  async start(request: UnsolicitedReportRetrieval): Promise<RetrievalStartResult> {
    const name = retrievalExecutionName({
      sellingPartnerId: request.sellingPartnerId,
      reportId: request.report.reportId,
    });
    if (this.started.has(name)) return 'already-started';
    this.started.set(name, request);
    await this.onStart?.(request);
    return 'started';
  }

  /** Every retrieval started, in order. */
  requests(): UnsolicitedReportRetrieval[] {
    return [...this.started.values()];
  }
}
