/** Which partner and region a subscription belongs to (recorded by setupSubscriptions). */
export interface SubscriptionEntry {
  readonly subscriptionId: string;
  readonly notificationType: string;
  readonly sellingPartnerId: string;
  readonly region: string;
  readonly destinationId: string;
}

/** What a partner's subscription of one notification type is looked up by. */
export interface SubscriptionOwner {
  readonly sellingPartnerId: string;
  readonly region: string;
  readonly notificationType: string;
}

/**
 * Port: subscription id -> partner, and partner -> subscription. A notification names its
 * subscription, not always its partner (vendor reports carry only an `amzn1.vg.` account id) and
 * never its region; the register-waiter asks whether a partner has a subscription to wait on.
 */
export interface SubscriptionDirectory {
  /** Keeps the entry under its id and as its owner's subscription of that type (latest wins). */
  record(entry: SubscriptionEntry): Promise<void>;
  find(subscriptionId: string): Promise<SubscriptionEntry | undefined>;
  /** The entry recorded last for this partner, region and type, if any. */
  findByOwner(owner: SubscriptionOwner): Promise<SubscriptionEntry | undefined>;
  /**
   * Forgets `entry` as its owner's subscription of its type (findByOwner then answers undefined),
   * unless the owner's entry names another subscription by now. `find` still answers for it:
   * notifications it sent before may still be queued.
   */
  forgetOwner(entry: SubscriptionEntry): Promise<void>;
}
