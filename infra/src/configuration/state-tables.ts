import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Construct } from 'constructs';
import { StateTableName } from '../functions/function-spec';
import type { Deployment } from '../stack/deployment';

/** Key and TTL attribute of each table, as the apps' stores write them. */
export const STATE_TABLE_SHAPES: Readonly<
  Record<StateTableName, { readonly partitionKey: string; readonly ttlAttribute: string }>
> = {
  // `{ pk, version, record }`, conditional writes on version (report-creator).
  [StateTableName.LaneStates]: { partitionKey: 'pk', ttlAttribute: 'expiresAt' },
  [StateTableName.ReportRequests]: { partitionKey: 'pk', ttlAttribute: 'expiresAt' },
  // Waiters, early outcomes, the subscription directory (notification-subscriber).
  [StateTableName.NotificationState]: { partitionKey: 'pk', ttlAttribute: 'expiresAt' },
  // Powertools idempotency's own layout.
  [StateTableName.Idempotency]: { partitionKey: 'id', ttlAttribute: 'expiration' },
  // Single-use OAuth states (token broker).
  [StateTableName.UsedStates]: { partitionKey: 'pk', ttlAttribute: 'expiresAt' },
  // Last fetch per (partner, marketplace, SKU): coalesces notification bursts across batches.
  [StateTableName.SkuRefreshes]: { partitionKey: 'pk', ttlAttribute: 'expiresAt' },
};

/**
 * The small DynamoDB tables the functions keep state in: a string partition key, TTL on a number
 * attribute (records without it never expire), on-demand, encrypted with the lake key,
 * point-in-time recovery and deletion protection on.
 */
export class StateTables extends Construct {
  readonly tables: Readonly<Record<StateTableName, DynamodbTable>>;

  constructor(scope: Construct, id: string, deployment: Deployment, lakeKeyArn: string) {
    super(scope, id);
    const table = (name: StateTableName) => {
      const shape = STATE_TABLE_SHAPES[name];
      return new DynamodbTable(this, name.replaceAll('-', '_'), {
        name: deployment.name(name),
        billingMode: 'PAY_PER_REQUEST',
        hashKey: shape.partitionKey,
        attribute: [{ name: shape.partitionKey, type: 'S' }],
        ttl: { attributeName: shape.ttlAttribute, enabled: true },
        serverSideEncryption: { enabled: true, kmsKeyArn: lakeKeyArn },
        pointInTimeRecovery: { enabled: true },
        deletionProtectionEnabled: true,
      });
    };
    this.tables = Object.fromEntries(
      Object.values(StateTableName).map((name) => [name, table(name)]),
    ) as Record<StateTableName, DynamodbTable>;
  }

  /** Every table's ARN by name. */
  arns(): Record<StateTableName, string> {
    return Object.fromEntries(
      Object.entries(this.tables).map(([name, dynamoTable]) => [name, dynamoTable.arn]),
    ) as Record<StateTableName, string>;
  }
}
