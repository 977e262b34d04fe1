import type { SQSEvent } from 'aws-lambda';
import { LocalQueue } from './local-queue';

describe('LocalQueue', () => {
  let now = 0;
  const queue = () =>
    new LocalQueue({
      queueArn: 'arn:aws:sqs:eu-west-1:000000000000:notifications',
      maxReceiveCount: 3,
      visibilityTimeoutMs: 30_000,
      now: () => now,
    });
  beforeEach(() => {
    now = 1_000;
  });

  it('delivers batches in the Lambda event source shape and deletes what succeeded', async () => {
    const q = queue();
    for (const body of ['a', 'b', 'c']) q.send(body);
    const events: SQSEvent[] = [];
    expect(await q.deliverBatch(2, async (event) => void events.push(event))).toBe(2);
    expect(events[0]?.Records.map((r) => r.body)).toEqual(['a', 'b']);
    expect(events[0]?.Records[0]).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:000000000000:notifications',
      awsRegion: 'eu-west-1',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1000' },
    });
    expect(await q.deliverBatch(10, async () => undefined)).toBe(1);
    expect(q.isEmpty()).toBe(true);
  });

  it('redelivers batch item failures after the visibility timeout, then moves them to the DLQ', async () => {
    const q = queue();
    q.send('poison');
    q.send('fine');
    const failPoison = async (event: SQSEvent) => ({
      batchItemFailures: event.Records.filter((r) => r.body === 'poison').map((r) => ({
        itemIdentifier: r.messageId,
      })),
    });
    expect(await q.deliverBatch(10, failPoison)).toBe(2);
    expect(await q.deliverBatch(10, failPoison)).toBe(0);
    const counts: string[] = [];
    for (let attempt = 0; attempt < 2; attempt += 1) {
      now += 30_000;
      await q.deliverBatch(10, async (event) => {
        counts.push(...event.Records.map((r) => r.attributes.ApproximateReceiveCount));
        return failPoison(event);
      });
    }
    expect(counts).toEqual(['2', '3']);
    expect(q.isEmpty()).toBe(true);
    expect(q.deadLetterBodies()).toEqual(['poison']);
    expect(q.stats()).toEqual({ sent: 2, inFlight: 0, deadLetters: 1 });
  });

  it('redelivers the whole batch when the consumer throws', async () => {
    const q = queue();
    q.send('a');
    await q.deliverBatch(10, async () => {
      throw new Error('boom');
    });
    now += 30_000;
    const bodies: string[] = [];
    await q.deliverBatch(
      10,
      async (event) => void bodies.push(...event.Records.map((r) => r.body)),
    );
    expect(bodies).toEqual(['a']);
  });
});
