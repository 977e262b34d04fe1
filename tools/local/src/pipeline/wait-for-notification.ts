import type { Clock } from '@spapi-lake/core';
import type { LocalNotificationSubscriber } from '@spapi-lake/notification-subscriber-handlers';
import { LocalTaskError } from '../engine/local-executions';
import { field, stringField } from './task-input-fields';

/** What the `WaitForNotification` override needs of the local notification subscriber. */
export type NotificationWaitSubscriber = Pick<
  LocalNotificationSubscriber,
  'resumer' | 'registerWaiter'
>;

/**
 * `lambda:invoke.waitForTaskToken` of `WaitForNotification`, locally: registers the waiter with the
 * register-waiter handler, then waits on the in-process resumer for SendTaskSuccess (the output)
 * or SendTaskFailure (thrown, `name` = its error, for the state's Catch), at most `timeoutMs` of
 * `clock` time (then `States.Timeout`).
 */
export async function waitForNotification(
  subscriber: NotificationWaitSubscriber,
  clock: Clock,
  input: unknown,
  timeoutMs: number,
): Promise<unknown> {
  const payload = field(input, 'Payload');
  const taskToken = stringField(payload, 'taskToken');
  const resumed = subscriber.resumer.waitFor(taskToken);
  // registerWaiter may fail the task (SendTaskFailure: no subscription) before the race below
  // awaits `resumed`: a no-op handler keeps that rejection from being reported as unhandled,
  // while the race still sees it and throws it to the state's Catch.
  void resumed.catch(() => undefined);
  try {
    await subscriber.registerWaiter(payload);
  } catch (error) {
    subscriber.resumer.cancel(taskToken);
    throw error;
  }
  const deadline = clock.now() + timeoutMs;
  const timedOut = Symbol('timeout');
  let waiting = true;
  const timeout = (async () => {
    while (waiting && clock.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return timedOut;
  })();
  let outcome: unknown;
  try {
    outcome = await Promise.race([resumed, timeout]);
  } finally {
    // Also when the task failed: the timeout loop stops.
    waiting = false;
  }
  if (outcome === timedOut) {
    subscriber.resumer.cancel(taskToken);
    throw new LocalTaskError('States.Timeout', 'WaitForNotification timed out');
  }
  return outcome;
}
