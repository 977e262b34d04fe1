import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';

const EVENTS_DIR = path.join(__dirname, '..', '..', 'events');

/** A sample event of `events/`, parsed afresh (tests may change it). */
export function loadEvent<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(EVENTS_DIR, name), 'utf8')) as T;
}

/** The sample Function URL event of `name` with another path, query and cookies. */
export function functionUrlEvent(
  name: 'authorize.json' | 'login.json' | 'callback.json',
  overrides: { readonly query?: string; readonly cookies?: readonly string[] } = {},
): APIGatewayProxyEventV2 {
  const event = loadEvent<APIGatewayProxyEventV2>(name);
  if (overrides.query !== undefined) {
    event.rawQueryString = overrides.query;
    event.queryStringParameters = Object.fromEntries(new URLSearchParams(overrides.query));
  }
  if (overrides.cookies !== undefined) {
    if (overrides.cookies.length === 0) delete event.cookies;
    else event.cookies = [...overrides.cookies];
  }
  return event;
}

/** The sample SQS batch `name` with its record bodies replaced by `bodies`. */
export function sqsEvent(
  name: 'new-secret-sqs.json' | 'secret-expiry-sqs.json',
  bodies: readonly string[],
): SQSEvent {
  const template = loadEvent<SQSEvent>(name);
  const record = template.Records[0];
  if (record === undefined) throw new Error(`${name} has no record`);
  return {
    Records: bodies.map((body, index) => ({
      ...record,
      messageId: `${record.messageId}-${index}`,
      body,
    })),
  };
}
