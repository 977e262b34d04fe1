import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { UsedStateStore } from '@spapi-lake/auth';
import { awsFailure, describeAwsFailure } from '@spapi-lake/aws-support';
import { UsedStateStoreRequestError, UsedStateStoreUnavailableError } from './errors';

/** Options of {@link DynamoDbUsedStateStore}. */
export interface DynamoDbUsedStateStoreOptions {
  readonly client: DynamoDBClient;
  /** A table with string partition key `pk` and TTL on the number attribute `expiresAt`. */
  readonly tableName: string;
}

/**
 * Used authorization states in DynamoDB: a conditional put (`attribute_not_exists(pk)`) is the
 * atomic "first use wins" that single-use needs, across every concurrent Lambda container; TTL
 * removes the items once their states have expired.
 */
export class DynamoDbUsedStateStore implements UsedStateStore {
  constructor(private readonly options: DynamoDbUsedStateStoreOptions) {}

  async claim(stateId: string, expiresAt: number): Promise<boolean> {
    try {
      await this.options.client.send(
        new PutItemCommand({
          TableName: this.options.tableName,
          Item: {
            pk: { S: `authorization-state#${stateId}` },
            expiresAt: { N: String(Math.ceil(expiresAt / 1000)) },
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      const failure = awsFailure(error);
      if (failure.name === 'ConditionalCheckFailedException') return false;
      const message = `${describeAwsFailure('PutItem', failure)} on table ${this.options.tableName}`;
      throw failure.retryable
        ? new UsedStateStoreUnavailableError(message, { cause: error })
        : new UsedStateStoreRequestError(message, { cause: error });
    }
  }
}
