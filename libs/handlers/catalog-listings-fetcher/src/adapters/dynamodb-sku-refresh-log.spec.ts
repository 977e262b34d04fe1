import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SkuRefreshLogRequestError, SkuRefreshLogUnavailableError } from '../errors';
import { DynamoDbSkuRefreshLog } from './dynamodb-sku-refresh-log';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const dynamo = mockClient(documentClient);
const log = new DynamoDbSkuRefreshLog({
  client: documentClient,
  tableName: 'sku-refresh',
  ttlSeconds: 86_400,
});
const key = { sellingPartnerId: 'A1', marketplaceId: 'ATVPDKIKX0DER', sku: 'SKU#1' };
const pk = 'sku#["A1","ATVPDKIKX0DER","SKU#1"]';

beforeEach(() => dynamo.reset());

describe('DynamoDbSkuRefreshLog', () => {
  it('reads the last fetch time of a SKU, undefined when never fetched', async () => {
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: { fetchedAt: 1_700_000_000_000 } })
      .resolvesOnce({});
    await expect(log.lastFetchedAt(key)).resolves.toBe(1_700_000_000_000);
    await expect(log.lastFetchedAt(key)).resolves.toBeUndefined();
    expect(dynamo).toHaveReceivedCommandWith(GetCommand, {
      TableName: 'sku-refresh',
      Key: { pk },
      ProjectionExpression: 'fetchedAt',
    });
  });

  it('moves the fetch time forward only, with an expiry', async () => {
    dynamo.on(UpdateCommand).resolves({});
    await log.recordFetched(key, 1_700_000_000_500);
    expect(dynamo).toHaveReceivedCommandWith(UpdateCommand, {
      TableName: 'sku-refresh',
      Key: { pk },
      UpdateExpression: 'SET fetchedAt = :at, expiresAt = :expires',
      ConditionExpression: 'attribute_not_exists(fetchedAt) OR fetchedAt < :at',
      ExpressionAttributeValues: { ':at': 1_700_000_000_500, ':expires': 1_700_086_400 },
    });
    dynamo
      .on(UpdateCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'newer', $metadata: {} }));
    await expect(log.recordFetched(key, 1)).resolves.toBeUndefined();
  });

  it('maps throttling to a retryable error and access denied to a permanent one', async () => {
    const throttled = Object.assign(new Error('slow down'), {
      name: 'ProvisionedThroughputExceededException',
    });
    const denied = Object.assign(new Error('no'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    });
    dynamo.on(GetCommand).rejectsOnce(throttled).rejectsOnce(denied);
    await expect(log.lastFetchedAt(key)).rejects.toThrow(SkuRefreshLogUnavailableError);
    await expect(log.lastFetchedAt(key)).rejects.toThrow(SkuRefreshLogRequestError);
  });
});
