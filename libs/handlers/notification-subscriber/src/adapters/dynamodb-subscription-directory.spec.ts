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
import { DynamoDbSubscriptionDirectory } from './dynamodb-subscription-directory';

const dynamo = mockClient(DynamoDBClient);
const TABLE = 'spapi-lake-notification-state';
const directory = () =>
  new DynamoDbSubscriptionDirectory({
    client: new DynamoDBClient({ region: 'eu-west-1', maxAttempts: 1 }),
    tableName: TABLE,
  });
const entry = {
  subscriptionId: '7fcacc7e-727b-11e9-8848-1681be663d3e',
  notificationType: 'REPORT_PROCESSING_FINISHED',
  sellingPartnerId: 'A3TH9S8BH6GOGM',
  region: 'EU',
  destinationId: '3acafc7e-121b-1329-8ae8-1571be663aa2',
};
const attributes = {
  subscriptionId: { S: entry.subscriptionId },
  notificationType: { S: 'REPORT_PROCESSING_FINISHED' },
  sellingPartnerId: { S: 'A3TH9S8BH6GOGM' },
  region: { S: 'EU' },
  destinationId: { S: entry.destinationId },
};
const item = { pk: { S: 'subscription#7fcacc7e-727b-11e9-8848-1681be663d3e' }, ...attributes };
const ownerPk = 'subscription-owner#A3TH9S8BH6GOGM#EU#REPORT_PROCESSING_FINISHED';
const ownerItem = { pk: { S: ownerPk }, ...attributes };
const owner = {
  sellingPartnerId: 'A3TH9S8BH6GOGM',
  region: 'EU',
  notificationType: 'REPORT_PROCESSING_FINISHED',
};

beforeEach(() => dynamo.reset());

describe('DynamoDbSubscriptionDirectory', () => {
  it('records an entry under its subscription id and finds it again', async () => {
    dynamo.on(PutItemCommand).resolves({});
    dynamo.on(GetItemCommand).resolves({ Item: item });
    await directory().record(entry);
    await expect(directory().find(entry.subscriptionId)).resolves.toEqual(entry);
    expect(dynamo.commandCalls(PutItemCommand).map((call) => call.args[0].input)).toEqual([
      { TableName: TABLE, Item: item },
      { TableName: TABLE, Item: ownerItem },
    ]);
    expect(dynamo).toHaveReceivedCommandWith(GetItemCommand, {
      TableName: TABLE,
      Key: { pk: { S: 'subscription#7fcacc7e-727b-11e9-8848-1681be663d3e' } },
    });
  });

  it('answers undefined for an unknown subscription and maps throttling to retryable', async () => {
    dynamo.on(GetItemCommand).resolves({});
    await expect(directory().find('nope')).resolves.toBeUndefined();
    dynamo.on(GetItemCommand).rejects(
      new DynamoDBServiceException({
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'slow down',
      }),
    );
    await expect(directory().find('x')).rejects.toBeInstanceOf(NotificationStoreUnavailableError);
  });

  it('finds the subscription of a partner, region and type under its owner key', async () => {
    dynamo.on(GetItemCommand, { Key: { pk: { S: ownerPk } } }).resolves({ Item: ownerItem });
    await expect(directory().findByOwner(owner)).resolves.toEqual(entry);
    expect(dynamo).toHaveReceivedCommandWith(GetItemCommand, {
      TableName: TABLE,
      Key: { pk: { S: ownerPk } },
    });
  });

  it('answers undefined for a partner without one (entries recorded before the owner key)', async () => {
    dynamo.on(GetItemCommand).resolves({});
    await expect(directory().findByOwner(owner)).resolves.toBeUndefined();
  });

  it('refuses a malformed owner item and maps a missing table to a request error', async () => {
    dynamo.on(GetItemCommand).resolves({ Item: { pk: { S: ownerPk }, region: { S: 'EU' } } });
    await expect(directory().findByOwner(owner)).rejects.toThrow(
      new NotificationStoreRequestError(
        `The directory item of the REPORT_PROCESSING_FINISHED subscription of A3TH9S8BH6GOGM in EU in ${TABLE} is malformed`,
      ),
    );
    dynamo.on(GetItemCommand).rejects(
      new DynamoDBServiceException({
        name: 'ResourceNotFoundException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'no such table',
      }),
    );
    await expect(directory().findByOwner(owner)).rejects.toBeInstanceOf(
      NotificationStoreRequestError,
    );
  });

  it('fails the recording when the owner item cannot be written, so setup reports the step', async () => {
    dynamo
      .on(PutItemCommand)
      .resolvesOnce({})
      .rejects(
        new DynamoDBServiceException({
          name: 'ProvisionedThroughputExceededException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
          message: 'slow down',
        }),
      );
    await expect(directory().record(entry)).rejects.toBeInstanceOf(
      NotificationStoreUnavailableError,
    );
    expect(dynamo.commandCalls(PutItemCommand)).toHaveLength(2);
  });

  it("forgets the owner's entry only while it still names that subscription", async () => {
    dynamo.on(DeleteItemCommand).resolves({});
    await directory().forgetOwner(entry);
    expect(dynamo).toHaveReceivedCommandWith(DeleteItemCommand, {
      TableName: TABLE,
      Key: { pk: { S: ownerPk } },
      ConditionExpression: 'subscriptionId = :subscriptionId',
      ExpressionAttributeValues: { ':subscriptionId': { S: entry.subscriptionId } },
    });
    // The subscription id entry stays: notifications it sent may still be queued.
    expect(dynamo.commandCalls(DeleteItemCommand)).toHaveLength(1);

    dynamo
      .on(DeleteItemCommand)
      .rejects(new ConditionalCheckFailedException({ message: 'conditional', $metadata: {} }));
    await expect(directory().forgetOwner(entry)).resolves.toBeUndefined();
    dynamo.on(DeleteItemCommand).rejects(
      new DynamoDBServiceException({
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'slow down',
      }),
    );
    await expect(directory().forgetOwner(entry)).rejects.toBeInstanceOf(
      NotificationStoreUnavailableError,
    );
  });
});
