import {
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { NotificationStoreUnavailableError } from '../errors';
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
const item = {
  pk: { S: 'subscription#7fcacc7e-727b-11e9-8848-1681be663d3e' },
  subscriptionId: { S: entry.subscriptionId },
  notificationType: { S: 'REPORT_PROCESSING_FINISHED' },
  sellingPartnerId: { S: 'A3TH9S8BH6GOGM' },
  region: { S: 'EU' },
  destinationId: { S: entry.destinationId },
};

beforeEach(() => dynamo.reset());

describe('DynamoDbSubscriptionDirectory', () => {
  it('records an entry under its subscription id and finds it again', async () => {
    dynamo.on(PutItemCommand).resolves({});
    dynamo.on(GetItemCommand).resolves({ Item: item });
    await directory().record(entry);
    await expect(directory().find(entry.subscriptionId)).resolves.toEqual(entry);
    expect(dynamo.commandCalls(PutItemCommand)[0]?.args[0].input).toEqual({
      TableName: TABLE,
      Item: item,
    });
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
});
