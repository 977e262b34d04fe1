import type { SimulatorHandle } from '../server/start-simulator';

/** A raw HTTP answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

/** Minimal SP-API/LWA client for the simulator's own tests (no pipeline code, on purpose). */
export function simClient(sim: SimulatorHandle) {
  const creds = sim.credentials();
  const lwa = async (form: Record<string, string>): Promise<Answer> =>
    answer(
      await fetch(`${sim.lwaBaseUrl}/auth/o2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: new URLSearchParams(form).toString(),
      }),
    );
  const accessToken = async (partnerIndex = 0): Promise<string> => {
    const partner = creds.partners[partnerIndex];
    if (partner === undefined) throw new Error(`no partner ${partnerIndex}`);
    const res = await lwa({
      grant_type: 'refresh_token',
      refresh_token: partner.refreshToken,
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
    });
    return (res.json as { access_token: string }).access_token;
  };
  const grantlessToken = async (scope: string): Promise<string> => {
    const res = await lwa({
      grant_type: 'client_credentials',
      scope,
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
    });
    return (res.json as { access_token: string }).access_token;
  };
  const call = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<Answer> =>
    answer(
      await fetch(`${sim.spApiBaseUrl}${path}`, {
        method,
        headers: {
          ...(options.token === undefined ? {} : { 'x-amz-access-token': options.token }),
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      }),
    );
  return { creds, lwa, accessToken, grantlessToken, call };
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Subscribes partner `partnerIndex` to REPORT_PROCESSING_FINISHED on an SQS destination. */
export async function subscribeToReports(
  client: ReturnType<typeof simClient>,
  partnerIndex = 0,
): Promise<void> {
  const grantless = await client.grantlessToken('sellingpartnerapi::notifications');
  const destination = await client.call('POST', '/notifications/v1/destinations', {
    token: grantless,
    body: {
      name: `reports-${partnerIndex}`,
      resourceSpecification: { sqs: { arn: 'arn:aws:sqs:us-east-1:123456789012:reports' } },
    },
  });
  const destinationId = (destination.json as { payload: { destinationId: string } }).payload
    .destinationId;
  const token = await client.accessToken(partnerIndex);
  const subscription = await client.call(
    'POST',
    '/notifications/v1/subscriptions/REPORT_PROCESSING_FINISHED',
    {
      token,
      body: { payloadVersion: '2020-09-04', destinationId },
    },
  );
  if (subscription.status !== 200) throw new Error(`subscription failed: ${subscription.text}`);
}
