import {
  type UnsolicitedReportRetrieval,
  retrievalExecutionName,
} from '@spapi-lake/notification-subscriber-handlers';
import { LocalRetrievalAttempts } from './local-retrieval-attempts';

const request: UnsolicitedReportRetrieval = {
  sellingPartnerId: 'ANV8ZEGUMSLGYZ',
  region: 'NA',
  reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
  report: { reportId: '51234567890' },
  status: { processingStatus: 'DONE', reportDocumentId: 'amzn1.spdoc.1.4.na.doc' },
  notificationId: 'getReports-sweep-2026-11-04',
};

const FIRST = retrievalExecutionName({
  sellingPartnerId: request.sellingPartnerId,
  reportId: request.report.reportId,
});

/** An execution history as the runner keeps it (name -> status), and the launches. */
function history(initial: Record<string, string> = {}) {
  const statuses = new Map(Object.entries(initial));
  const launched: string[] = [];
  const attempts = new LocalRetrievalAttempts({
    statusOf: async (name) => statuses.get(name),
    launch: (_request, name) => {
      launched.push(name);
    },
    maxAttempts: 3,
  });
  return { statuses, launched, attempts };
}

describe('LocalRetrievalAttempts', () => {
  it('starts the first attempt once, under the name the notification consumer uses', async () => {
    const { attempts, launched } = history();
    await expect(attempts.start(request)).resolves.toBe('started');
    // Launched, not yet in the history: taken all the same.
    await expect(attempts.start(request)).resolves.toBe('already-started');
    await expect(attempts.retryFailed(request)).resolves.toEqual({ outcome: 'running' });
    expect(launched).toEqual([FIRST]);
  });

  it('tries a retrieval that failed on an earlier run again, and one that succeeded never', async () => {
    const failed = history({ [FIRST]: 'FAILED' });
    await expect(failed.attempts.start(request)).resolves.toBe('already-started');
    await expect(failed.attempts.retryFailed(request)).resolves.toEqual({
      outcome: 'retried',
      attempt: 2,
    });
    expect(failed.launched).toEqual([`${FIRST}-attempt-2`]);

    const succeeded = history({ [FIRST]: 'SUCCEEDED' });
    await expect(succeeded.attempts.retryFailed(request)).resolves.toEqual({
      outcome: 'succeeded',
    });
    expect(succeeded.launched).toEqual([]);
  });

  it('gives up after its attempts, the aborted ones of a killed run included', async () => {
    const { attempts, launched } = history({
      [FIRST]: 'FAILED',
      [`${FIRST}-attempt-2`]: 'ABORTED',
      [`${FIRST}-attempt-3`]: 'FAILED',
    });
    await expect(attempts.retryFailed(request)).resolves.toEqual({
      outcome: 'exhausted',
      attempts: 3,
    });
    expect(launched).toEqual([]);
  });
});
