import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { type Clock, systemClock } from '@spapi-lake/core';
import { z } from 'zod';
import { awsFailure, describeAwsFailure } from '@spapi-lake/aws-support';
import { StateStoreRequestError, StateStoreUnavailableError } from './errors';
import type { PutOptions, VersionedRecord, VersionedStore } from './versioned-store';

/** Options of {@link DynamoDbVersionedStore}. */
export interface DynamoDbVersionedStoreOptions<T> {
  /** A document client (`removeUndefinedValues: true`). */
  readonly client: DynamoDBDocumentClient;
  /** A table with string partition key `pk` and TTL on the number attribute `expiresAt`. */
  readonly tableName: string;
  /** Prepended to every key, so several stores can share one table (`lane#`). */
  readonly keyPrefix: string;
  readonly schema: z.ZodType<T>;
  /** Pauses between BatchGetItem rounds for unprocessed keys. */
  readonly clock?: Clock;
}

// BatchGetItem takes at most 100 keys; unprocessed keys (throttling) are asked for again.
const BATCH_SIZE = 100;
const MAX_BATCH_ROUNDS = 5;

/**
 * Versioned records in DynamoDB, one item per key: `{ pk, version, record, expiresAt? }`. A write
 * is a PutItem conditioned on the version it read (`attribute_not_exists(pk)` for a new record),
 * so concurrent read-modify-writes from any number of Lambdas never lose an update.
 */
export class DynamoDbVersionedStore<T> implements VersionedStore<T> {
  private readonly itemSchema: z.ZodType<{ pk: string; version: number; record: T }>;

  constructor(private readonly options: DynamoDbVersionedStoreOptions<T>) {
    this.itemSchema = z.object({
      pk: z.string(),
      version: z.int().positive(),
      record: options.schema,
    });
  }

  async get(key: string): Promise<VersionedRecord<T> | undefined> {
    const pk = this.pk(key);
    const answer = await this.send('GetItem', () =>
      this.options.client.send(
        new GetCommand({ TableName: this.options.tableName, Key: { pk }, ConsistentRead: true }),
      ),
    );
    if (answer.Item === undefined) return undefined;
    const item = this.parse(answer.Item);
    return { value: item.record, version: item.version };
  }

  async getMany(keys: readonly string[]): Promise<ReadonlyMap<string, T>> {
    const byPk = new Map([...new Set(keys)].map((key) => [this.pk(key), key]));
    const found = new Map<string, T>();
    const pks = [...byPk.keys()];
    for (let offset = 0; offset < pks.length; offset += BATCH_SIZE) {
      let pending = pks.slice(offset, offset + BATCH_SIZE).map((pk) => ({ pk }));
      for (let round = 0; pending.length > 0; round += 1) {
        if (round === MAX_BATCH_ROUNDS) {
          throw new StateStoreUnavailableError(
            `BatchGetItem left ${pending.length} keys unprocessed on table ${this.options.tableName}`,
          );
        }
        if (round > 0) await (this.options.clock ?? systemClock).sleep(50 * 2 ** round);
        const keysOfRound = pending;
        const answer = await this.send('BatchGetItem', () =>
          this.options.client.send(
            new BatchGetCommand({
              RequestItems: {
                [this.options.tableName]: { Keys: keysOfRound, ConsistentRead: true },
              },
            }),
          ),
        );
        for (const raw of answer.Responses?.[this.options.tableName] ?? []) {
          const item = this.parse(raw);
          const key = byPk.get(item.pk);
          if (key !== undefined) found.set(key, item.record);
        }
        pending = (answer.UnprocessedKeys?.[this.options.tableName]?.Keys ?? []).flatMap((k) =>
          typeof k['pk'] === 'string' ? [{ pk: k['pk'] }] : [],
        );
      }
    }
    return found;
  }

  async put(
    key: string,
    value: T,
    expectedVersion: number | undefined,
    options: PutOptions = {},
  ): Promise<boolean> {
    const condition =
      expectedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          };
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            pk: this.pk(key),
            version: (expectedVersion ?? 0) + 1,
            record: value,
            ...(options.expiresAt === undefined
              ? {}
              : { expiresAt: Math.ceil(options.expiresAt / 1000) }),
          },
          ...condition,
        }),
      );
      return true;
    } catch (error) {
      if (awsFailure(error).name === 'ConditionalCheckFailedException') return false;
      throw this.failure('PutItem', error);
    }
  }

  private pk(key: string): string {
    return `${this.options.keyPrefix}${key}`;
  }

  private parse(raw: Record<string, unknown>): { pk: string; version: number; record: T } {
    const parsed = this.itemSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const pk = typeof raw['pk'] === 'string' ? raw['pk'] : '(no pk)';
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new StateStoreRequestError(
      `Item ${pk} of table ${this.options.tableName} is malformed: ${problems.join('; ')}`,
    );
  }

  private async send<R>(operation: string, call: () => Promise<R>): Promise<R> {
    try {
      return await call();
    } catch (error) {
      throw this.failure(operation, error);
    }
  }

  private failure(operation: string, error: unknown): Error {
    const failure = awsFailure(error);
    const message = `${describeAwsFailure(operation, failure)} on table ${this.options.tableName}`;
    return failure.retryable
      ? new StateStoreUnavailableError(message, { cause: error })
      : new StateStoreRequestError(message, { cause: error });
  }
}
