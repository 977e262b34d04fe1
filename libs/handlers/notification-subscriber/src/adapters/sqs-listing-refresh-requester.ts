import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ListingRefreshRequestError, ListingRefreshUnavailableError } from '../errors';
import type { ListingRefreshRequest, ListingRefreshRequester } from '../listing-refresh-requester';
import { awsFailure, describeAwsFailure } from '@spapi-lake/aws-support';

/** Options of {@link SqsListingRefreshRequester}. */
export interface SqsListingRefreshRequesterOptions {
  readonly client: SQSClient;
  /** The catalog/listings fetcher's refresh queue (it coalesces requests per SKU). */
  readonly queueUrl: string;
}

/** Puts listing refresh requests on the fetcher's queue, one JSON message each. */
export class SqsListingRefreshRequester implements ListingRefreshRequester {
  constructor(private readonly options: SqsListingRefreshRequesterOptions) {}

  async request(request: ListingRefreshRequest): Promise<void> {
    try {
      await this.options.client.send(
        new SendMessageCommand({
          QueueUrl: this.options.queueUrl,
          MessageBody: JSON.stringify(request),
        }),
      );
    } catch (error) {
      const failure = awsFailure(error);
      const message = describeAwsFailure('SendMessage', failure);
      throw failure.retryable
        ? new ListingRefreshUnavailableError(message, { cause: error })
        : new ListingRefreshRequestError(message, { cause: error });
    }
  }
}
