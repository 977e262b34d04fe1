import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '@spapi-lake/core';
import type { LaneState } from '@spapi-lake/workflows';
import { DynamoDbVersionedStore } from './dynamodb-versioned-store';
import { type LaneStateStore, laneStateSchema } from './lane-state-store';

/** Key prefix of lane records in the state table. */
export const LANE_KEY_PREFIX = 'lane#';

/** Lane states in the pipeline's state table: item `lane#<laneKey>`, never expiring. */
export class DynamoDbLaneStateStore
  extends DynamoDbVersionedStore<LaneState>
  implements LaneStateStore
{
  constructor(options: {
    readonly client: DynamoDBDocumentClient;
    readonly tableName: string;
    readonly clock?: Clock;
  }) {
    super({ ...options, keyPrefix: LANE_KEY_PREFIX, schema: laneStateSchema });
  }
}
