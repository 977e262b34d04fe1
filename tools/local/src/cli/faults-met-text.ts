import type { InjectedFaults, NotificationFaultCounts } from '@spapi-lake/sp-api-simulator';

/** Pseudo operations of the simulator's fault counters that are not SP-API operations. */
const LWA_TOKEN = 'lwaToken';
const DOWNLOAD_DOCUMENT = 'downloadDocument';

/** One line on what a run under a fault profile went through, from the simulator's counters. */
export function formatFaultsMet(faults: {
  readonly injected: InjectedFaults;
  readonly notifications: NotificationFaultCounts;
}): string {
  const { injected, notifications } = faults;
  const sum = (select: (operationId: string) => boolean, statuses: readonly (429 | 500 | 503)[]) =>
    Object.entries(injected.statuses)
      .filter(([operationId]) => select(operationId))
      .flatMap(([, counts]) => statuses.map((status) => counts[status] ?? 0))
      .reduce((total, count) => total + count, 0);
  const spApi = (id: string) => id !== LWA_TOKEN && id !== DOWNLOAD_DOCUMENT;
  const parts = [
    `SP-API ${sum(spApi, [429])} x 429, ${sum(spApi, [500, 503])} x 5xx`,
    `LWA ${sum((id) => id === LWA_TOKEN, [429])} x 429, ${sum((id) => id === LWA_TOKEN, [500, 503])} x 5xx`,
    `downloads ${sum((id) => id === DOWNLOAD_DOCUMENT, [500, 503])} x 5xx, ${injected.connectionResets} reset mid-document, ${injected.truncatedDocuments} truncated`,
    `access tokens ${injected.revokedAccessTokens} revoked, ${injected.expiredAccessTokens} expired`,
    `notifications ${notifications.duplicated} duplicated, ${notifications.reorderedBatches} batches reordered, ${notifications.dropped} dropped`,
  ];
  return `Faults met: ${parts.join('; ')}.`;
}
