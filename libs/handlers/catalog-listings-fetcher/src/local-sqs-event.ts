import type { SQSEvent } from 'aws-lambda';

/**
 * An SQS event carrying `bodies`, as an event source mapping delivers them: what the local runner
 * hands `refreshListings` (for instance the simulator's queue, or listing refresh requests).
 */
export function localSqsEvent(
  bodies: readonly string[],
  queueArn = 'arn:aws:sqs:us-east-1:000000000000:spapi-lake-listing-refresh',
): SQSEvent {
  return {
    Records: bodies.map((body, index) => ({
      messageId: `local-${index}`,
      receiptHandle: `local-${index}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '0',
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: queueArn.split(':')[3] ?? 'us-east-1',
    })),
  };
}
