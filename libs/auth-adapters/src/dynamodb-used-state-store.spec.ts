import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  DynamoDBServiceException,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DynamoDbUsedStateStore } from './dynamodb-used-state-store';
import { UsedStateStoreRequestError, UsedStateStoreUnavailableError } from './errors';

const dynamo = mockClient(DynamoDBClient);
const store = () =>
  new DynamoDbUsedStateStore({
    client: new DynamoDBClient({ region: 'eu-west-1', maxAttempts: 1 }),
    tableName: 'spapi-lake-token-broker',
  });

beforeEach(() => dynamo.reset());

describe('DynamoDbUsedStateStore', () => {
  it('claims a state with a conditional put that expires with the state', async () => {
    dynamo.on(PutItemCommand).resolves({});
    await expect(store().claim('state-id-1', Date.parse('2026-11-01T00:10:00.500Z'))).resolves.toBe(
      true,
    );
    expect(dynamo.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: 'spapi-lake-token-broker',
      Item: {
        pk: { S: 'authorization-state#state-id-1' },
        expiresAt: { N: String(Math.ceil(Date.parse('2026-11-01T00:10:00.500Z') / 1000)) },
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('answers false for a state claimed before', async () => {
    dynamo.on(PutItemCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'exists',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    await expect(store().claim('state-id-1', 0)).resolves.toBe(false);
  });

  it('maps throttling to a retryable error and a missing table to a request error', async () => {
    const error = (name: string) =>
      new DynamoDBServiceException({
        name,
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: name,
      });
    dynamo.on(PutItemCommand).rejects(error('ProvisionedThroughputExceededException'));
    await expect(store().claim('s', 0)).rejects.toBeInstanceOf(UsedStateStoreUnavailableError);
    dynamo.on(PutItemCommand).rejects(error('ResourceNotFoundException'));
    await expect(store().claim('s', 0)).rejects.toBeInstanceOf(UsedStateStoreRequestError);
  });
});
