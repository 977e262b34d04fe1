import type {
  RetrievalStartResult,
  RetrievalStarter,
  UnsolicitedReportRetrieval,
} from '../retrieval-starter';

/**
 * The local retrieval starter: records each request once per report (like the AWS adapter's
 * execution name) and hands new ones to `onStart` (the local runner retrieves there).
 */
export class RecordingRetrievalStarter implements RetrievalStarter {
  private readonly started = new Map<string, UnsolicitedReportRetrieval>();

  constructor(
    private readonly onStart?: (request: UnsolicitedReportRetrieval) => Promise<void> | void,
  ) {}

  async start(request: UnsolicitedReportRetrieval): Promise<RetrievalStartResult> {
    if (this.started.has(request.report.reportId)) return 'already-started';
    this.started.set(request.report.reportId, request);
    await this.onStart?.(request);
    return 'started';
  }

  /** Every retrieval started, in order. */
  requests(): UnsolicitedReportRetrieval[] {
    return [...this.started.values()];
  }
}
