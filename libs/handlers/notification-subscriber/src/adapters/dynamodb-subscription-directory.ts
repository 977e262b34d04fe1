import {
  type AttributeValue,
  type DynamoDBClient,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { NotificationStoreRequestError } from '../errors';
import type {
  SubscriptionDirectory,
  SubscriptionEntry,
  SubscriptionOwner,
} from '../subscription-directory';
import { storeFailure } from './store-failure';

/** Options of {@link DynamoDbSubscriptionDirectory}. */
export interface DynamoDbSubscriptionDirectoryOptions {
  readonly client: DynamoDBClient;
  /** The notification state table (string partition key `pk`). */
  readonly tableName: string;
}

const entrySchema = z.object({
  subscriptionId: z.object({ S: z.string() }),
  notificationType: z.object({ S: z.string() }),
  sellingPartnerId: z.object({ S: z.string() }),
  region: z.object({ S: z.string() }),
  destinationId: z.object({ S: z.string() }),
});

type Key = Record<string, AttributeValue>;

const idKey = (subscriptionId: string): Key => ({ pk: { S: `subscription#${subscriptionId}` } });
// Selling partner ids, regions and notification types never contain `#`.
const ownerKey = (owner: SubscriptionOwner): Key => ({
  pk: {
    S: `subscription-owner#${owner.sellingPartnerId}#${owner.region}#${owner.notificationType}`,
  },
});

/**
 * The subscription directory in the notification state table, no TTL: each entry under
 * `subscription#<subscriptionId>` and, as its owner's current subscription of that type, under
 * `subscription-owner#<sellingPartnerId>#<region>#<notificationType>`.
 */
export class DynamoDbSubscriptionDirectory implements SubscriptionDirectory {
  constructor(private readonly options: DynamoDbSubscriptionDirectoryOptions) {}

  // Two puts, not a transaction: setupSubscriptions records every subscription on each run, so a
  // run that fails between them is completed by the next.
  async record(entry: SubscriptionEntry): Promise<void> {
    const attributes: Key = {
      subscriptionId: { S: entry.subscriptionId },
      notificationType: { S: entry.notificationType },
      sellingPartnerId: { S: entry.sellingPartnerId },
      region: { S: entry.region },
      destinationId: { S: entry.destinationId },
    };
    for (const key of [idKey(entry.subscriptionId), ownerKey(entry)]) {
      try {
        await this.options.client.send(
          new PutItemCommand({
            TableName: this.options.tableName,
            Item: { ...key, ...attributes },
          }),
        );
      } catch (error) {
        throw storeFailure('PutItem', this.options.tableName, error);
      }
    }
  }

  find(subscriptionId: string): Promise<SubscriptionEntry | undefined> {
    return this.get(idKey(subscriptionId), `subscription ${subscriptionId}`);
  }

  findByOwner(owner: SubscriptionOwner): Promise<SubscriptionEntry | undefined> {
    return this.get(
      ownerKey(owner),
      `the ${owner.notificationType} subscription of ${owner.sellingPartnerId} in ${owner.region}`,
    );
  }

  async forgetOwner(entry: SubscriptionEntry): Promise<void> {
    try {
      await this.options.client.send(
        new DeleteItemCommand({
          TableName: this.options.tableName,
          Key: ownerKey(entry),
          ConditionExpression: 'subscriptionId = :subscriptionId',
          ExpressionAttributeValues: { ':subscriptionId': { S: entry.subscriptionId } },
        }),
      );
    } catch (error) {
      // Another subscription (or none) is the owner's by now: nothing to forget.
      if (Reflect.get(Object(error), 'name') === 'ConditionalCheckFailedException') return;
      throw storeFailure('DeleteItem', this.options.tableName, error);
    }
  }

  private async get(key: Key, what: string): Promise<SubscriptionEntry | undefined> {
    let item: Record<string, AttributeValue> | undefined;
    try {
      const answer = await this.options.client.send(
        new GetItemCommand({ TableName: this.options.tableName, Key: key }),
      );
      item = answer.Item;
    } catch (error) {
      throw storeFailure('GetItem', this.options.tableName, error);
    }
    if (item === undefined) return undefined;
    const parsed = entrySchema.safeParse(item);
    if (!parsed.success) {
      throw new NotificationStoreRequestError(
        `The directory item of ${what} in ${this.options.tableName} is malformed`,
      );
    }
    const { data } = parsed;
    return {
      subscriptionId: data.subscriptionId.S,
      notificationType: data.notificationType.S,
      sellingPartnerId: data.sellingPartnerId.S,
      region: data.region.S,
      destinationId: data.destinationId.S,
    };
  }
}
