import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBServiceException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbLaneStateStore } from './dynamodb-lane-state-store';
import { DynamoDbReportRequestStore } from './dynamodb-report-request-store';
import { StateStoreRequestError, StateStoreUnavailableError } from './errors';

const dynamo = mockClient(DynamoDBDocumentClient);
const TABLE = 'spapi-lake-pipeline-state';
const LANE = 'A1SELLER#EU#orders-daily#A1PA6795UKMFR9';
const client = () =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1', maxAttempts: 1 }), {
    marshallOptions: { removeUndefinedValues: true },
  });
const noSleep = { now: () => 0, sleep: async () => undefined };
const lanes = () =>
  new DynamoDbLaneStateStore({ client: client(), tableName: TABLE, clock: noSleep });

const claimed = {
  watermark: '2026-10-30T00:00:00Z',
  claim: {
    executionName: 'orders-daily-A1PA6795UKMFR9-20261030-a1-0123456789ab',
    claimedAt: '2026-11-01T00:00:05Z',
  },
};

function serviceError(name: string, status: number): DynamoDBServiceException {
  return new DynamoDBServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: `${name} happened`,
  });
}

beforeEach(() => dynamo.reset());

describe('DynamoDbLaneStateStore', () => {
  it('reads a lane with a consistent read and returns its record and version', async () => {
    dynamo.on(GetCommand).resolves({ Item: { pk: `lane#${LANE}`, version: 3, record: claimed } });
    await expect(lanes().get(LANE)).resolves.toEqual({ value: claimed, version: 3 });
    expect(dynamo).toHaveReceivedCommandWith(GetCommand, {
      TableName: TABLE,
      Key: { pk: `lane#${LANE}` },
      ConsistentRead: true,
    });
  });

  it('answers undefined for a lane never written', async () => {
    dynamo.on(GetCommand).resolves({});
    await expect(lanes().get(LANE)).resolves.toBeUndefined();
  });

  it('creates a lane record only if none exists', async () => {
    dynamo.on(PutCommand).resolves({});
    await expect(lanes().put(LANE, { watermark: '2026-10-31T00:00:00Z' }, undefined)).resolves.toBe(
      true,
    );
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Item: { pk: `lane#${LANE}`, version: 1, record: { watermark: '2026-10-31T00:00:00Z' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('replaces a lane record only at the version it read (the claim and the watermark move)', async () => {
    dynamo.on(PutCommand).resolves({});
    await expect(lanes().put(LANE, claimed, 3)).resolves.toBe(true);
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Item: { pk: `lane#${LANE}`, version: 4, record: claimed },
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': 3 },
    });
  });

  it('answers false when another writer changed the record first', async () => {
    dynamo
      .on(PutCommand)
      .rejects(
        new ConditionalCheckFailedException({ message: 'no', $metadata: { httpStatusCode: 400 } }),
      );
    await expect(lanes().put(LANE, claimed, 3)).resolves.toBe(false);
  });

  it('reads many lanes in batches of 100 and asks again for unprocessed keys', async () => {
    const keys = Array.from({ length: 101 }, (_, i) => `lane-${i}`);
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: {
          [TABLE]: [
            { pk: 'lane#lane-0', version: 1, record: { watermark: '2026-10-31T00:00:00Z' } },
          ],
        },
        UnprocessedKeys: { [TABLE]: { Keys: [{ pk: 'lane#lane-1' }] } },
      })
      .resolvesOnce({
        Responses: { [TABLE]: [{ pk: 'lane#lane-1', version: 2, record: {} }] },
      })
      .resolvesOnce({ Responses: { [TABLE]: [] } });

    const found = await lanes().getMany(keys);

    expect([...found.entries()]).toEqual([
      ['lane-0', { watermark: '2026-10-31T00:00:00Z' }],
      ['lane-1', {}],
    ]);
    const requests = dynamo.commandCalls(BatchGetCommand).map((call) => call.args[0].input);
    expect(requests[0]?.RequestItems?.[TABLE]?.Keys).toHaveLength(100);
    expect(requests[0]?.RequestItems?.[TABLE]?.ConsistentRead).toBe(true);
    expect(requests[1]).toEqual({
      RequestItems: { [TABLE]: { Keys: [{ pk: 'lane#lane-1' }], ConsistentRead: true } },
    });
    expect(requests[2]).toEqual({
      RequestItems: { [TABLE]: { Keys: [{ pk: 'lane#lane-100' }], ConsistentRead: true } },
    });
  });

  it('refuses an item it cannot read instead of guessing', async () => {
    dynamo.on(GetCommand).resolves({
      Item: { pk: `lane#${LANE}`, version: 1, record: { watermark: 'yesterday' } },
    });
    await expect(lanes().get(LANE)).rejects.toThrow(
      new StateStoreRequestError(
        `Item lane#${LANE} of table ${TABLE} is malformed: record.watermark: Invalid ISO datetime`,
      ),
    );
  });

  it('maps throttling to a retryable error and a missing table to a request error', async () => {
    dynamo.on(GetCommand).rejects(serviceError('ProvisionedThroughputExceededException', 400));
    await expect(lanes().get(LANE)).rejects.toBeInstanceOf(StateStoreUnavailableError);
    dynamo.on(PutCommand).rejects(serviceError('ResourceNotFoundException', 400));
    const failure = lanes().put(LANE, {}, undefined);
    await expect(failure).rejects.toBeInstanceOf(StateStoreRequestError);
    await expect(failure).rejects.toThrow(
      `PutItem failed (ResourceNotFoundException, HTTP 400) on table ${TABLE}`,
    );
  });
});

describe('DynamoDbReportRequestStore', () => {
  it('writes a slot with its expiry in epoch seconds (DynamoDB TTL)', async () => {
    dynamo.on(PutCommand).resolves({});
    const store = new DynamoDbReportRequestStore({ client: client(), tableName: TABLE });
    const slot = {
      requests: { abc: { requestedAt: '2026-11-01T00:00:00.000Z', reportId: '5001' } },
    };
    await store.put('A1SELLER#EU#GET_X#DE#2026-10-31T00:00:00Z#2026-11-01T00:00:00Z', slot, 1, {
      expiresAt: Date.parse('2027-01-30T00:00:00.400Z'),
    });
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Item: {
        pk: 'report-request#A1SELLER#EU#GET_X#DE#2026-10-31T00:00:00Z#2026-11-01T00:00:00Z',
        version: 2,
        record: slot,
        expiresAt: Date.parse('2027-01-30T00:00:01Z') / 1000,
      },
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': 1 },
    });
  });
});
