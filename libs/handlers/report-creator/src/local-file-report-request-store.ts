import { LocalFileVersionedStore } from './local-file-versioned-store';
import {
  type ReportRequestSlot,
  type ReportRequestStore,
  reportRequestSlotSchema,
} from './report-request-store';

/** Report request slots in a local JSON file (tests and the local runner). */
export class LocalFileReportRequestStore
  extends LocalFileVersionedStore<ReportRequestSlot>
  implements ReportRequestStore
{
  constructor(filePath: string) {
    super(filePath, reportRequestSlotSchema);
  }
}
