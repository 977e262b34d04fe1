import { createHash } from 'node:crypto';
import { uuidShaped } from './seeded-random';

/** What makes one simulator instance's ids its own. */
export interface IdInstance {
  readonly seed: number;
  /** Simulated time the instance started at (epoch ms). */
  readonly start: number;
}

/**
 * A generator of opaque ids (document, notification, subscription, request ids) in UUID v4 shape.
 * Amazon's are random and never repeat. These hash the seed, the start time, `stream` and a counter:
 * the same for a fixed seed and clock, and distinct from those of an instance with another seed
 * or start time (a seeded 32-bit random stream would overlap another one's far too often).
 */
export function instanceIds(instance: IdInstance, stream: string): () => string {
  let counter = 0;
  return () => {
    counter += 1;
    return uuidShaped(
      createHash('sha256')
        .update(`${instance.seed}|${instance.start}|${stream}|${counter}`)
        .digest('hex'),
    );
  };
}
