import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SkuKey, SkuRefreshLog } from '@spapi-lake/catalog';
import { z } from 'zod';
import { SkuRefreshLogRequestError, SkuRefreshLogUnavailableError } from '../errors';
import { awsFailure } from './aws-failure';

/** Options of {@link DynamoDbSkuRefreshLog}. */
export interface DynamoDbSkuRefreshLogOptions {
  readonly client: DynamoDBDocumentClient;
  /** Table with partition key `pk` (S) and TTL on `expiresAt` (epoch seconds). */
  readonly tableName: string;
  /** How long a fetch is remembered (a notification older than that is always fetched). */
  readonly ttlSeconds: number;
}

const itemSchema = z.object({ fetchedAt: z.number() });

/**
 * The SKU refresh log in DynamoDB: one item per (partner, marketplace, SKU) holding the latest
 * fetch time, moved forward only (a conditional update), expiring after `ttlSeconds`.
 */
export class DynamoDbSkuRefreshLog implements SkuRefreshLog {
  constructor(private readonly options: DynamoDbSkuRefreshLogOptions) {}

  async lastFetchedAt(key: SkuKey): Promise<number | undefined> {
    const answer = await this.send('GetItem', () =>
      this.options.client.send(
        new GetCommand({
          TableName: this.options.tableName,
          Key: { pk: pkOf(key) },
          ProjectionExpression: 'fetchedAt',
        }),
      ),
    );
    const item = itemSchema.safeParse(answer.Item);
    return item.success ? item.data.fetchedAt : undefined;
  }

  async recordFetched(key: SkuKey, fetchedAt: number): Promise<void> {
    try {
      await this.send('UpdateItem', () =>
        this.options.client.send(
          new UpdateCommand({
            TableName: this.options.tableName,
            Key: { pk: pkOf(key) },
            UpdateExpression: 'SET fetchedAt = :at, expiresAt = :expires',
            ConditionExpression: 'attribute_not_exists(fetchedAt) OR fetchedAt < :at',
            ExpressionAttributeValues: {
              ':at': fetchedAt,
              ':expires': Math.floor(fetchedAt / 1000) + this.options.ttlSeconds,
            },
          }),
        ),
      );
    } catch (error) {
      // A later fetch is already recorded: nothing to move.
      if (
        error instanceof SkuRefreshLogRequestError &&
        error.cause instanceof ConditionalCheckFailedException
      ) {
        return;
      }
      throw error;
    }
  }

  private async send<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const failure = awsFailure(error);
      const message = `DynamoDB ${operation} on ${this.options.tableName} failed (${failure.name})`;
      throw failure.retryable
        ? new SkuRefreshLogUnavailableError(message, { cause: error })
        : new SkuRefreshLogRequestError(message, { cause: error });
    }
  }
}

function pkOf(key: SkuKey): string {
  return `sku#${JSON.stringify([key.sellingPartnerId, key.marketplaceId, key.sku])}`;
}
