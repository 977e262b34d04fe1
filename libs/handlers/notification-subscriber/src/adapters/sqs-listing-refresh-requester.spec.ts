import { SQSClient, SQSServiceException, SendMessageCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { ListingRefreshRequestError, ListingRefreshUnavailableError } from '../errors';
import type { ListingRefreshRequest } from '../listing-refresh-requester';
import { SqsListingRefreshRequester } from './sqs-listing-refresh-requester';

const sqs = mockClient(SQSClient);
const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/spapi-lake-listing-refresh';
const requester = () =>
  new SqsListingRefreshRequester({
    client: new SQSClient({ region: 'eu-west-1', maxAttempts: 1 }),
    queueUrl: QUEUE,
  });
const request: ListingRefreshRequest = {
  sellingPartnerId: 'A3TH9S8BH6GOGM',
  region: 'NA',
  marketplaceId: 'ATVPDKIKX0DER',
  sku: 'NLS-SHOES-03',
  asin: 'B07N4M94X4',
  reason: 'LISTINGS_ITEM_STATUS_CHANGE',
  notificationId: 'n-2',
  eventTime: '2026-11-01T00:00:00Z',
};
const error = (name: string, status: number) =>
  new SQSServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: name,
  });

beforeEach(() => sqs.reset());

describe('SqsListingRefreshRequester', () => {
  it('sends one JSON message per request to the refresh queue', async () => {
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    await requester().request(request);
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: QUEUE,
      MessageBody: JSON.stringify(request),
    });
  });

  it('maps a 5xx to a retryable error and a missing queue to a request error', async () => {
    sqs.on(SendMessageCommand).rejects(error('InternalError', 500));
    await expect(requester().request(request)).rejects.toBeInstanceOf(
      ListingRefreshUnavailableError,
    );
    sqs.on(SendMessageCommand).rejects(error('QueueDoesNotExist', 400));
    await expect(requester().request(request)).rejects.toBeInstanceOf(ListingRefreshRequestError);
  });
});
