import type { SimulatorContext } from '../server/context';
import { createSimulatedClock } from '../server/simulated-clock';
import { instanceIds } from '../world/instance-ids';
import { seededRandom } from '../world/seeded-random';
import { defaultWorld, type World } from '../world/world';
import { InMemoryNotificationQueue } from './in-memory-notification-queue';
import { createNotificationBus, type NotificationBus } from './notification-bus';
import type { NotificationFaults } from './faulty-delivery';
import type { NotificationSink } from './notification-sink';

/** A SimulatorContext assembled without the HTTP server, with its queue and bus at hand. */
export interface InProcessContext extends SimulatorContext {
  readonly notifications: NotificationBus;
  /** The queue sink (unused when an HTTP sink was given). */
  readonly queue: InMemoryNotificationQueue;
}

/**
 * Builds the context handlers run with (default world, simulated clock, notification bus on an
 * in-memory queue), for calling handlers directly in tests and scripts.
 */
export function inProcessContext(
  options: {
    seed?: number;
    world?: World;
    start?: number;
    faults?: NotificationFaults;
    sink?: NotificationSink;
  } = {},
): InProcessContext {
  const seed = options.seed ?? 42;
  const world = options.world ?? defaultWorld(seed);
  const clock = createSimulatedClock(options.start === undefined ? {} : { start: options.start });
  const nextId = instanceIds({ seed, start: clock.now() }, 'ids');
  const newId = (prefix: string): string => `${prefix}${nextId()}`;
  const random = seededRandom(seed, 'context');
  const queue = new InMemoryNotificationQueue();
  const notifications = createNotificationBus({
    clock,
    world,
    random: seededRandom(seed, 'notifications'),
    newId,
    sink: options.sink ?? { kind: 'queue', queue },
    ...(options.faults === undefined ? {} : { faults: options.faults }),
  });
  return { clock, world, notifications, baseUrl: 'http://127.0.0.1:0', random, newId, queue };
}
