import {
  type AttributeValue,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { NotificationStoreRequestError } from '../errors';
import { type ReportKey, reportKeyId } from '../report-key';
import type { ReportOutcome, ReportWaiter, ReportWaiterStore } from '../report-waiter-store';
import { storeFailure } from './store-failure';

/** Options of {@link DynamoDbReportWaiterStore}. */
export interface DynamoDbReportWaiterStoreOptions {
  readonly client: DynamoDBClient;
  /** The notification state table: string partition key `pk`, TTL on the number attribute `expiresAt`. */
  readonly tableName: string;
}

const waiterItemSchema = z.object({
  reportId: z.object({ S: z.string() }),
  taskToken: z.object({ S: z.string() }),
  sellingPartnerId: z.object({ S: z.string() }),
  region: z.object({ S: z.string() }),
  reportType: z.object({ S: z.string() }),
  registeredAt: z.object({ S: z.string() }),
  expiresAt: z.object({ N: z.string() }),
});

const outcomeItemSchema = z.object({
  reportId: z.object({ S: z.string() }),
  sellingPartnerId: z.object({ S: z.string() }),
  processingStatus: z.object({ S: z.enum(['DONE', 'CANCELLED', 'FATAL']) }),
  reportDocumentId: z.object({ S: z.string() }).optional(),
  notificationId: z.object({ S: z.string() }),
  receivedAt: z.object({ S: z.string() }),
  expiresAt: z.object({ N: z.string() }),
});

const waiterKey = (key: ReportKey) => ({ pk: { S: `report-waiter#${reportKeyId(key)}` } });
const outcomeKey = (key: ReportKey) => ({ pk: { S: `report-outcome#${reportKeyId(key)}` } });
// DynamoDB TTL reads epoch seconds.
const ttl = (epochMs: number) => ({ N: String(Math.ceil(epochMs / 1000)) });

/**
 * Waiters and early outcomes in the notification state table (single-table, `pk`
 * `report-waiter#<sellingPartnerId>#<reportId>` / `report-outcome#...`). Taking a waiter is a conditional delete returning the old
 * item, so exactly one caller gets it; outcome reads are strongly consistent.
 */
export class DynamoDbReportWaiterStore implements ReportWaiterStore {
  constructor(private readonly options: DynamoDbReportWaiterStoreOptions) {}

  async putWaiter(
    waiter: ReportWaiter,
    options: { readonly onlyIfAbsent?: boolean } = {},
  ): Promise<void> {
    try {
      await this.options.client.send(
        new PutItemCommand({
          TableName: this.options.tableName,
          Item: {
            ...waiterKey(waiter),
            reportId: { S: waiter.reportId },
            taskToken: { S: waiter.taskToken },
            sellingPartnerId: { S: waiter.sellingPartnerId },
            region: { S: waiter.region },
            reportType: { S: waiter.reportType },
            registeredAt: { S: waiter.registeredAt },
            expiresAt: ttl(waiter.expiresAt),
          },
          ...(options.onlyIfAbsent === true
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {}),
        }),
      );
    } catch (error) {
      // onlyIfAbsent: a newer registration is there, and it wins.
      if (isConditionFailure(error)) return;
      throw storeFailure('PutItem', this.options.tableName, error);
    }
  }

  async takeWaiter(key: ReportKey): Promise<ReportWaiter | undefined> {
    let attributes: Record<string, AttributeValue> | undefined;
    try {
      const answer = await this.options.client.send(
        new DeleteItemCommand({
          TableName: this.options.tableName,
          Key: waiterKey(key),
          ConditionExpression: 'attribute_exists(pk)',
          ReturnValues: 'ALL_OLD',
        }),
      );
      attributes = answer.Attributes;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw storeFailure('DeleteItem', this.options.tableName, error);
    }
    const item = waiterItemSchema.safeParse(attributes);
    if (!item.success) {
      throw new NotificationStoreRequestError(
        `The waiter item of report ${reportKeyId(key)} in ${this.options.tableName} is malformed`,
      );
    }
    const { data } = item;
    return {
      reportId: data.reportId.S,
      taskToken: data.taskToken.S,
      sellingPartnerId: data.sellingPartnerId.S,
      region: data.region.S,
      reportType: data.reportType.S,
      registeredAt: data.registeredAt.S,
      expiresAt: Number(data.expiresAt.N) * 1000,
    };
  }

  async putOutcome(outcome: ReportOutcome): Promise<void> {
    try {
      await this.options.client.send(
        new PutItemCommand({
          TableName: this.options.tableName,
          Item: {
            ...outcomeKey(outcome),
            reportId: { S: outcome.reportId },
            sellingPartnerId: { S: outcome.sellingPartnerId },
            processingStatus: { S: outcome.processingStatus },
            ...(outcome.reportDocumentId === undefined
              ? {}
              : { reportDocumentId: { S: outcome.reportDocumentId } }),
            notificationId: { S: outcome.notificationId },
            receivedAt: { S: outcome.receivedAt },
            expiresAt: ttl(outcome.expiresAt),
          },
        }),
      );
    } catch (error) {
      throw storeFailure('PutItem', this.options.tableName, error);
    }
  }

  async getOutcome(key: ReportKey): Promise<ReportOutcome | undefined> {
    let item: Record<string, AttributeValue> | undefined;
    try {
      const answer = await this.options.client.send(
        new GetItemCommand({
          TableName: this.options.tableName,
          Key: outcomeKey(key),
          ConsistentRead: true,
        }),
      );
      item = answer.Item;
    } catch (error) {
      throw storeFailure('GetItem', this.options.tableName, error);
    }
    if (item === undefined) return undefined;
    const parsed = outcomeItemSchema.safeParse(item);
    if (!parsed.success) {
      throw new NotificationStoreRequestError(
        `The outcome item of report ${reportKeyId(key)} in ${this.options.tableName} is malformed`,
      );
    }
    const { data } = parsed;
    return {
      reportId: data.reportId.S,
      sellingPartnerId: data.sellingPartnerId.S,
      processingStatus: data.processingStatus.S,
      ...(data.reportDocumentId === undefined ? {} : { reportDocumentId: data.reportDocumentId.S }),
      notificationId: data.notificationId.S,
      receivedAt: data.receivedAt.S,
      expiresAt: Number(data.expiresAt.N) * 1000,
    };
  }
}

function isConditionFailure(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    Reflect.get(error, 'name') === 'ConditionalCheckFailedException'
  );
}
