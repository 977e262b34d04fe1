import type { ParquetRecord } from '@spapi-lake/lake';
import type { RefreshTrigger } from './catalog-datasets';

/** Where a fetched row came from (the lineage columns of every catalog dataset). */
export interface RowLineage {
  readonly refreshId: string;
  readonly trigger: RefreshTrigger;
  /** The notifications a notification-driven fetch served. */
  readonly notificationIds?: readonly string[];
  /** When SP-API answered (epoch ms). */
  readonly fetchedAt: number;
}

/** The lineage columns' values. */
export function lineageValues(lineage: RowLineage): ParquetRecord {
  return {
    _refresh_id: lineage.refreshId,
    _trigger: lineage.trigger,
    _notification_ids:
      lineage.notificationIds === undefined ? null : JSON.stringify(lineage.notificationIds),
    _fetched_at: lineage.fetchedAt,
  };
}
