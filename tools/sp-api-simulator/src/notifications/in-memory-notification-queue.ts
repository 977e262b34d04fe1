/** A plain FIFO queue usable as a `queue` sink: what an SQS consumer would receive, in order. */
export class InMemoryNotificationQueue {
  private readonly bodies: string[] = [];

  push(body: string): void {
    this.bodies.push(body);
  }

  /** Removes and returns up to `max` bodies (all by default). */
  receive(max = Number.POSITIVE_INFINITY): string[] {
    return this.bodies.splice(0, max);
  }

  /** Bodies waiting, without removing them. */
  peek(): readonly string[] {
    return this.bodies;
  }

  get size(): number {
    return this.bodies.length;
  }
}
