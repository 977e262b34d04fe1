import type { Region } from '@spapi-lake/config';
import type { ReportsApi } from '@spapi-lake/sp-api';

/** The Reports API operations report-creator calls, for one selling partner. */
export type ReportCreationApi = Pick<
  ReportsApi,
  'createReport' | 'getReport' | 'getReports' | 'cancelReport'
>;

/** One selling partner authorisation (a merged account has one per region). */
export interface PartnerRef {
  readonly sellingPartnerId: string;
  readonly region: Region;
}

/** The Reports API of a partner (the composition root decides endpoint and token provider). */
export type ReportCreationApiFor = (partner: PartnerRef) => Promise<ReportCreationApi>;
