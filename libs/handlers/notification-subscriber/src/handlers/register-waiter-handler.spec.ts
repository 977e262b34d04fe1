import type { Clock } from '@spapi-lake/core';
import { InProcessExecutionResumer } from '../adapters/in-process-execution-resumer';
import { LocalReportWaiterStore } from '../adapters/local-report-waiter-store';
import { WaiterRegistrationInvalidError } from '../errors';
import { createRegisterWaiterHandler } from './register-waiter-handler';

const NOW = Date.parse('2026-11-01T00:00:00Z');
const clock: Clock = { now: () => NOW, sleep: async () => undefined };
const TOKEN = 'AQCEAAAAKgAAAAMAAAAAAAAAAbL1secret-looking-task-token';

function build() {
  const logged: string[] = [];
  const record =
    (level: string) =>
    (...args: unknown[]) =>
      logged.push(`${level} ${JSON.stringify(args)}`);
  const waiters = new LocalReportWaiterStore();
  const handler = createRegisterWaiterHandler({
    waiters,
    resumer: new InProcessExecutionResumer(),
    clock,
    waiterTtlMs: 3_600_000,
    logger: { info: record('info'), warn: record('warn'), error: record('error') },
  });
  return { handler, waiters, logged };
}

describe('createRegisterWaiterHandler', () => {
  it('stores the waiter with its expiry and logs its correlation keys, not its token', async () => {
    const { handler, waiters, logged } = build();
    await expect(
      handler({
        taskToken: TOKEN,
        sellingPartnerId: 'A3TH9S8BH6GOGM',
        region: 'NA',
        reportId: '123',
        reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      }),
    ).resolves.toEqual({ reportId: '123', resumedAtOnce: false });
    await expect(waiters.waiters()).resolves.toEqual([
      {
        reportId: '123',
        taskToken: TOKEN,
        sellingPartnerId: 'A3TH9S8BH6GOGM',
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
