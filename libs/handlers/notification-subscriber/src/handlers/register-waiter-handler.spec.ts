import type { Clock } from '@spapi-lake/core';
import { InProcessExecutionResumer } from '../adapters/in-process-execution-resumer';
import { LocalReportWaiterStore } from '../adapters/local-report-waiter-store';
import { LocalSubscriptionDirectory } from '../adapters/local-subscription-directory';
import { WaiterRegistrationInvalidError } from '../errors';
import { createRegisterWaiterHandler } from './register-waiter-handler';

const NOW = Date.parse('2026-11-01T00:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => undefined };
const TOKEN = 'AQCEAAAAKgAAAAMAAAAAAAAAAbL1secret-looking-task-token';
const PARTNER = 'A3TH9S8BH6GOGM';

const event = {
  taskToken: TOKEN,
  sellingPartnerId: PARTNER,
  region: 'NA',
  reportId: '123',
  reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
};
const subscription = (overrides: { region?: string; notificationType?: string } = {}) => ({
  subscriptionId: `sub-${overrides.notificationType ?? 'reports'}-${overrides.region ?? 'NA'}`,
  notificationType: 'REPORT_PROCESSING_FINISHED',
  sellingPartnerId: PARTNER,
  region: 'NA',
  destinationId: 'dest-sqs',
  ...overrides,
});

function build() {
  const logged: string[] = [];
  const record =
    (level: string) =>
    (...args: unknown[]) =>
      logged.push(`${level} ${JSON.stringify(args)}`);
  const waiters = new LocalReportWaiterStore({ clock });
  const directory = new LocalSubscriptionDirectory();
  const resumer = new InProcessExecutionResumer();
  const handler = createRegisterWaiterHandler({
    waiters,
    resumer,
    directory,
    clock,
    waiterTtlMs: 3_600_000,
    logger: { info: record('info'), warn: record('warn'), error: record('error') },
  });
  return { handler, waiters, resumer, directory, logged };
}

describe('createRegisterWaiterHandler', () => {
  it('stores the waiter with its expiry and logs its correlation keys, not its token', async () => {
    const { handler, waiters, directory, logged } = build();
    await directory.record(subscription());
    await expect(handler(event)).resolves.toEqual({ reportId: '123', resumedAtOnce: false });
    await expect(waiters.waiters()).resolves.toEqual([
      {
        reportId: '123',
        taskToken: TOKEN,
        sellingPartnerId: PARTNER,
        region: 'NA',
        reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
        registeredAt: '2026-11-01T00:00:00.000Z',
        expiresAt: NOW + 3_600_000,
      },
    ]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('"reportId":"123"');
    expect(logged.join('\n')).not.toContain(TOKEN);
  });

  it('refuses to wait for a partner without a REPORT_PROCESSING_FINISHED subscription in its region', async () => {
    const { handler, waiters, resumer, directory, logged } = build();
    // Subscribed, but not to report notifications in NA: nothing would ever answer the token.
    await directory.record(subscription({ region: 'EU' }));
    await directory.record(subscription({ notificationType: 'LISTINGS_ITEM_STATUS_CHANGE' }));
    const waiting = resumer.waitFor(TOKEN);
    const failed = waiting.catch((error: unknown) => error);

    // The task fails through SendTaskFailure; the Lambda itself succeeds (no Errors alarm).
    await expect(handler(event)).resolves.toEqual({
      reportId: '123',
      resumedAtOnce: false,
      subscriptionMissing: true,
      result: 'resumed',
    });
    const cause = `No REPORT_PROCESSING_FINISHED subscription is recorded for ${PARTNER} in NA: the ingestion polls (run setupSubscriptions)`;
    expect(resumer.sent()).toEqual([
      {
        kind: 'failure',
        taskToken: TOKEN,
        failure: { error: 'ReportSubscriptionMissingError', cause },
        result: 'resumed',
      },
    ]);
    const error = await failed;
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'ReportSubscriptionMissingError', message: cause });
    await expect(waiters.waiters()).resolves.toEqual([]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^warn .*ReportSubscriptionMissingError/);
    expect(logged[0]).toContain('"sellingPartnerId":"A3TH9S8BH6GOGM"');
    expect(logged.join('\n')).not.toContain(TOKEN);
  });

  it('answers gone when the refused task no longer waits, still without an error', async () => {
    const { handler, resumer, logged } = build();
    // Nobody calls waitFor: the task timed out before the registration ran.
    await expect(handler(event)).resolves.toEqual({
      reportId: '123',
      resumedAtOnce: false,
      subscriptionMissing: true,
      result: 'gone',
    });
    expect(resumer.sent()).toEqual([expect.objectContaining({ kind: 'failure', result: 'gone' })]);
    expect(logged).toEqual([expect.stringMatching(/^warn .*"result":"gone"/)]);
  });

  it('refuses a payload off the contract, naming the fields but never the token', async () => {
    const { handler, logged } = build();
    const error: unknown = await handler({ taskToken: TOKEN, reportId: '' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WaiterRegistrationInvalidError);
    expect((error as Error).message).toBe(
      'WaitForNotification payload is invalid at: sellingPartnerId, region, reportId, reportType',
    );
    expect(logged).toHaveLength(1);
    expect(logged.join('\n')).not.toContain(TOKEN);
  });
});
