import type { ReportRecord } from '@spapi-lake/ingestion';
import { ReportPlacementUnknownError } from '../errors';
import { placeReportFromGetReport } from './report-placement';

const settlement: ReportRecord = {
  reportId: '7001',
  reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
  processingStatus: 'DONE',
  marketplaceIds: ['A1PA6795UKMFR9'],
  dataStartTime: '2026-10-01T12:00:00Z',
  dataEndTime: '2026-10-15T12:00:00Z',
  createdTime: '2026-10-15T13:00:00Z',
};
const reportsAnswering = (report: ReportRecord) => ({ getReport: async () => report });

describe('placeReportFromGetReport', () => {
  it('places a report by its marketplaces and data interval, without a report config', async () => {
    await expect(placeReportFromGetReport(reportsAnswering(settlement), '7001')).resolves.toEqual({
      marketplaceIds: ['A1PA6795UKMFR9'],
      window: { start: '2026-10-01T12:00:00Z', end: '2026-10-15T12:00:00Z' },
    });
  });

  it('takes the creation instant for a report without a data interval', async () => {
    const { dataStartTime: _start, dataEndTime: _end, ...undated } = settlement;
    await expect(placeReportFromGetReport(reportsAnswering(undated), '7001')).resolves.toEqual({
      marketplaceIds: ['A1PA6795UKMFR9'],
      window: { start: '2026-10-15T13:00:00Z', end: '2026-10-15T13:00:00Z' },
    });
  });

  it('refuses a report that names no marketplace', async () => {
    await expect(
      placeReportFromGetReport(reportsAnswering({ ...settlement, marketplaceIds: [] }), '7001'),
    ).rejects.toBeInstanceOf(ReportPlacementUnknownError);
  });
});
