import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { NotificationStoreRequestError, NotificationStoreUnavailableError } from '../errors';
import type { ReportOutcome, ReportWaiter } from '../report-waiter-store';
import { DynamoDbReportWaiterStore } from './dynamodb-report-waiter-store';

const dynamo = mockClient(DynamoDBClient);
const TABLE = 'spapi-lake-notification-state';
const store = () =>
  new DynamoDbReportWaiterStore({
    client: new DynamoDBClient({ region: 'eu-west-1', maxAttempts: 1 }),
    tableName: TABLE,
  });

const key = { sellingPartnerId: 'A3TH9S8BH6GOGM', reportId: '54517018502' };
const waiter: ReportWaiter = {
  reportId: '54517018502',
  taskToken: 'AQCEAAAAKgAAAAMAAAAAAAAAAT0k-token',
  sellingPartnerId: 'A3TH9S8BH6GOGM',
  region: 'NA',
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL',
  registeredAt: '2026-11-01T00:00:00.000Z',
  expiresAt: Date.parse('2026-11-02T01:00:00.000Z'),
};
const waiterItem = {
  pk: { S: 'report-waiter#A3TH9S8BH6GOGM#54517018502' },
  reportId: { S: '54517018502' },
  taskToken: { S: waiter.taskToken },
  sellingPartnerId: { S: 'A3TH9S8BH6GOGM' },
  region: { S: 'NA' },
  reportType: { S: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL' },
  registeredAt: { S: '2026-11-01T00:00:00.000Z' },
  expiresAt: { N: String(Date.parse('2026-11-02T01:00:00.000Z') / 1000) },
};
const outcome: ReportOutcome = {
  reportId: '54517018502',
  sellingPartnerId: 'A3TH9S8BH6GOGM',
  processingStatus: 'DONE',
  reportDocumentId: 'amzn1.spdoc.1.4.na.doc-1',
  notificationId: 'd0e9e693-c3ad-4373-979f-ed4ec98dd746',
  receivedAt: '2026-11-01T00:01:00.000Z',
  expiresAt: Date.parse('2026-11-02T01:01:00.000Z'),
};
const outcomeItem = {
  pk: { S: 'report-outcome#A3TH9S8BH6GOGM#54517018502' },
  reportId: { S: '54517018502' },
  sellingPartnerId: { S: 'A3TH9S8BH6GOGM' },
  processingStatus: { S: 'DONE' },
  reportDocumentId: { S: 'amzn1.spdoc.1.4.na.doc-1' },
  notificationId: { S: 'd0e9e693-c3ad-4373-979f-ed4ec98dd746' },
  receivedAt: { S: '2026-11-01T00:01:00.000Z' },
  expiresAt: { N: String(Date.parse('2026-11-02T01:01:00.000Z') / 1000) },
};
const conditionFailed = () =>
  new ConditionalCheckFailedException({ message: 'failed', $metadata: { httpStatusCode: 400 } });
const serviceError = (name: string, status = 400) =>
  new DynamoDBServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: name,
  });

beforeEach(() => dynamo.reset());

describe('DynamoDbReportWaiterStore', () => {
  it('puts a waiter under its partner and report with a TTL in epoch seconds', async () => {
    dynamo.on(PutItemCommand).resolves({});
    await store().putWaiter(waiter);
    expect(dynamo).toHaveReceivedCommandWith(PutItemCommand, {
      TableName: TABLE,
      Item: waiterItem,
    });
    expect(
      dynamo.commandCalls(PutItemCommand)[0]?.args[0].input.ConditionExpression,
    ).toBeUndefined();
  });

  it('puts back a waiter only where none exists, and leaves a newer one alone', async () => {
    dynamo.on(PutItemCommand).rejects(conditionFailed());
    await expect(store().putWaiter(waiter, { onlyIfAbsent: true })).resolves.toBeUndefined();
    expect(dynamo.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Item: waiterItem,
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('takes a waiter with a conditional delete that returns the old item', async () => {
    dynamo.on(DeleteItemCommand).resolves({ Attributes: waiterItem });
    await expect(store().takeWaiter(key)).resolves.toEqual(waiter);
    expect(dynamo.commandCalls(DeleteItemCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Key: { pk: { S: 'report-waiter#A3TH9S8BH6GOGM#54517018502' } },
      ConditionExpression: 'attribute_exists(pk)',
      ReturnValues: 'ALL_OLD',
    });
  });

  it("keys another partner's report of the same id apart", async () => {
    dynamo.on(DeleteItemCommand).rejects(conditionFailed());
    dynamo.on(GetItemCommand).resolves({});
    const other = { sellingPartnerId: 'A1OTHERPARTNER9', reportId: '54517018502' };
    await expect(store().takeWaiter(other)).resolves.toBeUndefined();
    await expect(store().getOutcome(other)).resolves.toBeUndefined();
    expect(dynamo.commandCalls(DeleteItemCommand)[0]?.args[0].input.Key).toEqual({
      pk: { S: 'report-waiter#A1OTHERPARTNER9#54517018502' },
    });
    expect(dynamo.commandCalls(GetItemCommand)[0]?.args[0].input.Key).toEqual({
      pk: { S: 'report-outcome#A1OTHERPARTNER9#54517018502' },
    });
  });

  it('answers no waiter when another caller took it first', async () => {
    dynamo.on(DeleteItemCommand).rejects(conditionFailed());
    await expect(store().takeWaiter(key)).resolves.toBeUndefined();
  });

  it('stores and reads (strongly consistent) an early outcome', async () => {
    dynamo.on(PutItemCommand).resolves({});
    dynamo.on(GetItemCommand).resolves({ Item: outcomeItem });
    const subject = store();
    await subject.putOutcome(outcome);
    await expect(subject.getOutcome(key)).resolves.toEqual(outcome);
    expect(dynamo.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Item: outcomeItem,
    });
    expect(dynamo.commandCalls(GetItemCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Key: { pk: { S: 'report-outcome#A3TH9S8BH6GOGM#54517018502' } },
      ConsistentRead: true,
    });
  });

  it('stores an outcome without a document (CANCELLED) and reads none when absent', async () => {
    dynamo.on(PutItemCommand).resolves({});
    dynamo.on(GetItemCommand).resolves({});
    const { reportDocumentId: _omitted, ...cancelled } = outcome;
    await store().putOutcome({ ...cancelled, processingStatus: 'CANCELLED' });
    const item = dynamo.commandCalls(PutItemCommand)[0]?.args[0].input.Item;
    expect(item).not.toHaveProperty('reportDocumentId');
    expect(item?.['processingStatus']).toEqual({ S: 'CANCELLED' });
    await expect(store().getOutcome(key)).resolves.toBeUndefined();
  });

  it('maps throttling to a retryable error and a missing table to a request error', async () => {
    dynamo.on(GetItemCommand).rejects(serviceError('ProvisionedThroughputExceededException'));
    await expect(store().getOutcome(key)).rejects.toBeInstanceOf(NotificationStoreUnavailableError);
    dynamo.on(DeleteItemCommand).rejects(serviceError('ResourceNotFoundException'));
    await expect(store().takeWaiter(key)).rejects.toBeInstanceOf(NotificationStoreRequestError);
    dynamo.on(PutItemCommand).rejects(serviceError('InternalServerError', 500));
    await expect(store().putWaiter(waiter)).rejects.toBeInstanceOf(
      NotificationStoreUnavailableError,
    );
  });

  it('refuses a malformed item instead of guessing', async () => {
    dynamo.on(DeleteItemCommand).resolves({
      Attributes: { pk: { S: 'report-waiter#A3TH9S8BH6GOGM#54517018502' } },
    });
    await expect(store().takeWaiter(key)).rejects.toBeInstanceOf(NotificationStoreRequestError);
  });

  it('never puts the task token into an error message', async () => {
    dynamo.on(PutItemCommand).rejects(serviceError('ValidationException'));
    const error: unknown = await store()
      .putWaiter(waiter)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotificationStoreRequestError);
    expect(String((error as Error).message)).not.toContain(waiter.taskToken);
  });
});
