/** Which partner and region a subscription belongs to (recorded by setupSubscriptions). */
export interface SubscriptionEntry {
  readonly subscriptionId: string;
  readonly notificationType: string;
  readonly sellingPartnerId: string;
  readonly region: string;
  readonly destinationId: string;
}

/**
 * Port: subscription id -> partner. A notification names its subscription, not always its partner
 * (vendor reports carry only an `amzn1.vg.` account id) and never its region.
 */
export interface SubscriptionDirectory {
  record(entry: SubscriptionEntry): Promise<void>;
  find(subscriptionId: string): Promise<SubscriptionEntry | undefined>;
}
