import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { NotificationStoreRequestError } from '../errors';
import type { SubscriptionDirectory, SubscriptionEntry } from '../subscription-directory';
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

const key = (subscriptionId: string) => ({ pk: { S: `subscription#${subscriptionId}` } });

/** Subscription id -> partner in the notification state table (`pk` prefix `subscription#`, no TTL). */
export class DynamoDbSubscriptionDirectory implements SubscriptionDirectory {
  constructor(private readonly options: DynamoDbSubscriptionDirectoryOptions) {}

  async record(entry: SubscriptionEntry): Promise<void> {
    try {
      await this.options.client.send(
        new PutItemCommand({
          TableName: this.options.tableName,
          Item: {
            ...key(entry.subscriptionId),
            subscriptionId: { S: entry.subscriptionId },
            notificationType: { S: entry.notificationType },
            sellingPartnerId: { S: entry.sellingPartnerId },
            region: { S: entry.region },
            destinationId: { S: entry.destinationId },
          },
        }),
      );
    } catch (error) {
      throw storeFailure('PutItem', this.options.tableName, error);
    }
  }

  async find(subscriptionId: string): Promise<SubscriptionEntry | undefined> {
    let item: Record<string, AttributeValue> | undefined;
    try {
      const answer = await this.options.client.send(
        new GetItemCommand({ TableName: this.options.tableName, Key: key(subscriptionId) }),
      );
      item = answer.Item;
    } catch (error) {
      throw storeFailure('GetItem', this.options.tableName, error);
    }
    if (item === undefined) return undefined;
    const parsed = entrySchema.safeParse(item);
    if (!parsed.success) {
      throw new NotificationStoreRequestError(
        `The directory item of subscription ${subscriptionId} in ${this.options.tableName} is malformed`,
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
