import type { SimulatedClock } from '../server/simulated-clock';

/** Where delivered notification bodies go: an in-process queue, or an HTTP POST hook. */
export type NotificationSink =
  { kind: 'queue'; queue: { push(body: string): void } } | { kind: 'http'; url: string };

/** A failed HTTP delivery (recorded, never thrown). */
export interface SinkError {
  readonly notificationId: string;
  readonly message: string;
  /** Simulated time of the attempt (epoch ms). */
  readonly at: number;
}

/** Sends bodies to the sink, keeping the HTTP errors and in-flight posts. */
export interface SinkDispatcher {
  send(body: string, notificationId: string): void;
  errors(): readonly SinkError[];
  /** Resolves once every HTTP POST started so far has settled. */
  idle(): Promise<void>;
}

/** Creates the dispatcher for a sink. HTTP posts carry `content-type: application/json`. */
export function createSinkDispatcher(
  sink: NotificationSink,
  clock: SimulatedClock,
): SinkDispatcher {
  const errors: SinkError[] = [];
  const inFlight = new Set<Promise<void>>();
  const post = async (url: string, body: string, notificationId: string): Promise<void> => {
    const at = clock.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      // Drain the body so the connection can be reused or closed.
      await response.arrayBuffer();
      if (!response.ok) {
        errors.push({ notificationId, message: `HTTP ${response.status}`, at });
      }
    } catch (error) {
      errors.push({
        notificationId,
        message: error instanceof Error ? error.message : String(error),
        at,
      });
    }
  };
  return {
    send(body, notificationId) {
      if (sink.kind === 'queue') {
        sink.queue.push(body);
        return;
      }
      const promise = post(sink.url, body, notificationId).finally(() => inFlight.delete(promise));
      inFlight.add(promise);
    },
    errors: () => errors,
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
