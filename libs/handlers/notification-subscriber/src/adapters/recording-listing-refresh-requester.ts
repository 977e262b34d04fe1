import type { ListingRefreshRequest, ListingRefreshRequester } from '../listing-refresh-requester';

/** The local listing refresh requester: records requests and hands each to `onRequest`. */
export class RecordingListingRefreshRequester implements ListingRefreshRequester {
  private readonly log: ListingRefreshRequest[] = [];

  constructor(
    private readonly onRequest?: (request: ListingRefreshRequest) => Promise<void> | void,
  ) {}

  async request(request: ListingRefreshRequest): Promise<void> {
    this.log.push(request);
    await this.onRequest?.(request);
  }

  /** Every request so far, in order. */
  requests(): readonly ListingRefreshRequest[] {
    return this.log;
  }
}
