import { formatFaultsMet } from './faults-met-text';

describe('formatFaultsMet', () => {
  it('adds up the SP-API operations apart from the token endpoint and the document downloads', () => {
    expect(
      formatFaultsMet({
        injected: {
          statuses: {
            getReport: { 429: 3, 500: 1 },
            createReport: { 429: 2, 503: 2 },
            lwaToken: { 429: 1, 500: 1, 503: 1 },
            downloadDocument: { 503: 4 },
          },
          connectionResets: 2,
          truncatedDocuments: 0,
          revokedAccessTokens: 5,
          expiredAccessTokens: 1,
        },
        notifications: {
          duplicated: 7,
          reorderedBatches: 3,
          reorderedDeliveries: 9,
          dropped: 0,
          delayed: 0,
        },
      }),
    ).toBe(
      'Faults met: SP-API 5 x 429, 3 x 5xx; LWA 1 x 429, 2 x 5xx; downloads 4 x 5xx, 2 reset ' +
        'mid-document, 0 truncated; access tokens 5 revoked, 1 expired; notifications 7 duplicated, ' +
        '3 batches reordered, 0 dropped.',
    );
  });
});
