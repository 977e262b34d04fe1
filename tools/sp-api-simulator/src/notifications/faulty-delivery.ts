import type { SimulatedClock } from '../server/simulated-clock';

/** Delivery faults, all off by default. */
export interface NotificationFaults {
  /** Share of notifications delivered twice (the very same body). */
  duplicateRatio?: number;
  /** Hold deliveries and release them in a deterministically shuffled order. */
  reorder?: boolean;
  /** With `reorder`: a held batch is released once it holds this many deliveries (default 4). */
  reorderWindow?: number;
  /**
   * With `reorder`: a smaller batch is released by `tick` once its oldest delivery has been held this
   * many simulated milliseconds (default 0: every tick releases it, so only notifications published
   * within one tick are shuffled; raise it to shuffle across ticks).
   */
  reorderHoldMs?: number;
  /** Simulated milliseconds between publishing and delivery. */
  delayMs?: number;
  /** Share of notifications never delivered (recorded as dropped). */
  dropRatio?: number;
}

/** One message on its way to the sink. */
export interface Delivery {
  readonly transport: 'sqs' | 'eventbridge';
  /** The exact SQS message body. */
  readonly body: string;
  readonly notificationType: string;
  readonly notificationId: string;
}

/** How often each delivery fault struck so far. */
export interface NotificationFaultCounts {
  /** Notifications delivered a second time. */
  readonly duplicated: number;
  /** Held batches released in another order than they were published (two or more each). */
  readonly reorderedBatches: number;
  /** Deliveries in those batches. */
  readonly reorderedDeliveries: number;
  readonly dropped: number;
  readonly delayed: number;
}

/** Applies the faults between publishing and the sink. */
export interface FaultyDelivery {
  submit(delivery: Delivery): void;
  /** Releases delayed deliveries that are due, then the held reorder batch once its hold is over. */
  tick(): void;
  /** Releases everything held, whatever its due time. */
  flush(): void;
  pending(): readonly Delivery[];
  dropped(): readonly Delivery[];
  setFaults(faults: NotificationFaults): void;
  counts(): NotificationFaultCounts;
}

const DEFAULT_REORDER_WINDOW = 4;

/**
 * Creates the fault stage. Decisions draw from `random` only when a fault is enabled, so a run
 * without faults consumes no random numbers.
 */
export function createFaultyDelivery(deps: {
  clock: SimulatedClock;
  random: () => number;
  faults?: NotificationFaults;
  deliver: (delivery: Delivery) => void;
}): FaultyDelivery {
  let faults: NotificationFaults = deps.faults ?? {};
  let sequence = 0;
  const delayed: { due: number; seq: number; delivery: Delivery }[] = [];
  const held: Delivery[] = [];
  let heldSince = 0;
  const dropped: Delivery[] = [];
  const counts = { duplicated: 0, reorderedBatches: 0, reorderedDeliveries: 0, delayed: 0 };
  const hit = (ratio: number | undefined): boolean =>
    ratio !== undefined && ratio > 0 && deps.random() < ratio;

  const releaseHeld = (): void => {
    const batch = shuffle(held.splice(0), deps.random);
    if (batch.length >= 2) {
      counts.reorderedBatches += 1;
      counts.reorderedDeliveries += batch.length;
    }
    for (const delivery of batch) deps.deliver(delivery);
  };
  const stage = (delivery: Delivery): void => {
    if (faults.reorder !== true) {
      deps.deliver(delivery);
      return;
    }
    if (held.length === 0) heldSince = deps.clock.now();
    held.push(delivery);
    if (held.length >= Math.max(2, faults.reorderWindow ?? DEFAULT_REORDER_WINDOW)) releaseHeld();
  };
  const releaseDelayed = (all: boolean): void => {
    const now = deps.clock.now();
    delayed.sort((a, b) => a.due - b.due || a.seq - b.seq);
    while (delayed.length > 0 && (all || (delayed[0]?.due ?? Infinity) <= now)) {
      const next = delayed.shift();
      if (next !== undefined) stage(next.delivery);
    }
  };

  return {
    submit(delivery) {
      releaseDelayed(false);
      if (hit(faults.dropRatio)) {
        dropped.push(delivery);
        return;
      }
      const copies = hit(faults.duplicateRatio) ? 2 : 1;
      counts.duplicated += copies - 1;
      for (let i = 0; i < copies; i += 1) {
        const delayMs = faults.delayMs ?? 0;
        if (delayMs > 0) {
          counts.delayed += 1;
          delayed.push({ due: deps.clock.now() + delayMs, seq: sequence++, delivery });
        } else {
          stage(delivery);
        }
      }
    },
    tick() {
      releaseDelayed(false);
      if (deps.clock.now() - heldSince >= (faults.reorderHoldMs ?? 0)) releaseHeld();
    },
    flush() {
      releaseDelayed(true);
      releaseHeld();
    },
    pending: () => [...delayed.map((entry) => entry.delivery), ...held],
    dropped: () => dropped,
    setFaults(next) {
      faults = next;
    },
    counts: () => ({ ...counts, dropped: dropped.length }),
  };
}

/** Fisher-Yates with `random`; a batch of two or more never comes out in its original order. */
function shuffle<T>(items: T[], random: () => number): T[] {
  if (items.length < 2) return items;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  if (out.every((item, i) => item === items[i])) out.push(out.shift() as T);
  return out;
}
