import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbVersionedStore } from './dynamodb-versioned-store';
import {
  type ReportRequestSlot,
  type ReportRequestStore,
  reportRequestSlotSchema,
} from './report-request-store';

/** Key prefix of report request slots in the state table. */
export const REPORT_REQUEST_KEY_PREFIX = 'report-request#';

/**
 * Report request slots in the pipeline's state table: item `report-request#<slotId>`, expiring
 * (TTL) once SP-API no longer keeps the reports they name.
 */
export class DynamoDbReportRequestStore
  extends DynamoDbVersionedStore<ReportRequestSlot>
  implements ReportRequestStore
{
  constructor(options: { readonly client: DynamoDBDocumentClient; readonly tableName: string }) {
    super({ ...options, keyPrefix: REPORT_REQUEST_KEY_PREFIX, schema: reportRequestSlotSchema });
  }
}
