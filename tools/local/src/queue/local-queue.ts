import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/** Options of {@link LocalQueue}. */
export interface LocalQueueOptions {
  readonly queueArn: string;
  /** Deliveries of one message before it moves to the dead-letter queue (the redrive policy). */
  readonly maxReceiveCount: number;
  /** How long a received message stays invisible (simulated ms). */
  readonly visibilityTimeoutMs: number;
  readonly now: () => number;
}

interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  visibleAt: number;
}

/**
 * The local twin of the notification SQS queue and its DLQ: at-least-once batches in the Lambda
 * event source's shape, partial batch responses (`batchItemFailures`) redelivered after the
 * visibility timeout, and a message that failed `maxReceiveCount` times moved to the DLQ.
 */
export class LocalQueue {
  private readonly messages: QueuedMessage[] = [];
  private readonly deadLetters: QueuedMessage[] = [];
  private sent = 0;

  constructor(private readonly options: LocalQueueOptions) {}

  /** SendMessage. */
  send(body: string): void {
    const now = this.options.now();
    this.sent += 1;
    this.messages.push({
      messageId: randomUUID(),
      body,
      sentAt: now,
      receiveCount: 0,
      visibleAt: now,
    });
  }

  /** Messages sent so far, visible or not, and those in the DLQ. */
  stats(): { readonly sent: number; readonly inFlight: number; readonly deadLetters: number } {
    return {
      sent: this.sent,
      inFlight: this.messages.length,
      deadLetters: this.deadLetters.length,
    };
  }

  /** Bodies of the messages moved to the dead-letter queue. */
  deadLetterBodies(): string[] {
    return this.deadLetters.map((message) => message.body);
  }

  /** Whether a message is waiting or in flight. */
  isEmpty(): boolean {
    return this.messages.length === 0;
  }

  /**
   * Receives up to `batchSize` visible messages, hands them to `consume` as an SQS event and
   * deletes those not named in its `batchItemFailures` (a thrown error fails the whole batch).
   * Returns how many messages were delivered.
   */
  async deliverBatch(
    batchSize: number,
    consume: (event: SQSEvent) => Promise<SQSBatchResponse | void>,
  ): Promise<number> {
    const now = this.options.now();
    const batch = this.messages.filter((message) => message.visibleAt <= now).slice(0, batchSize);
    if (batch.length === 0) return 0;
    for (const message of batch) {
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + this.options.visibilityTimeoutMs;
    }
    let failed: Set<string>;
    try {
      const response = await consume({ Records: batch.map((message) => this.record(message)) });
      failed = new Set((response?.batchItemFailures ?? []).map((item) => item.itemIdentifier));
    } catch {
      failed = new Set(batch.map((message) => message.messageId));
    }
    for (const message of batch) {
      if (!failed.has(message.messageId)) this.remove(message);
      else if (message.receiveCount >= this.options.maxReceiveCount) {
        this.remove(message);
        this.deadLetters.push(message);
      }
    }
    return batch.length;
  }

  private remove(message: QueuedMessage): void {
    const index = this.messages.indexOf(message);
    if (index >= 0) this.messages.splice(index, 1);
  }

  private record(message: QueuedMessage): SQSRecord {
    const region = this.options.queueArn.split(':')[3] ?? 'us-east-1';
    return {
      messageId: message.messageId,
      receiptHandle: `local-${message.messageId}-${message.receiveCount}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: 'AIDAEXAMPLESPAPI',
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: this.options.queueArn,
      awsRegion: region,
    };
  }
}
