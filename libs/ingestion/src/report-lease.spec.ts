import { setTimeout as sleep } from 'node:timers/promises';
import {
  ObjectChangedError,
  type ObjectStore,
  ObjectStoreUnavailableError,
  reportLeaseKey,
} from '@spapi-lake/lake';
import { ReportRetrievalInProgressError } from './errors';
import { REPORT_LEASE_MS, withReportLease } from './report-lease';
import { InMemoryObjectStore } from './test/in-memory-lake';

const report = { sellingPartnerId: 'A1', reportId: '50001' };
const key = reportLeaseKey(report);
const T0 = Date.parse('2026-11-28T10:00:00Z');

function setup() {
  let now = T0;
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  return { store: new InMemoryObjectStore(), leaseClock: clock, clock };
}

// Work that runs until the test lets it finish.
function heldOpen() {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  return {
    work: async () => {
      started();
      await finished;
      return 'done';
    },
    running,
    finish: () => finish(),
  };
}

// The store with some operations replaced; the others go to it unchanged.
function storeWith(store: ObjectStore, overrides: Partial<ObjectStore>): ObjectStore {
  return {
    putStream: (...args) => store.putStream(...args),
    putObject: (...args) => store.putObject(...args),
    getStream: (...args) => store.getStream(...args),
    getObject: (...args) => store.getObject(...args),
    getVersioned: (...args) => store.getVersioned(...args),
    exists: (...args) => store.exists(...args),
    list: (...args) => store.list(...args),
    deleteObject: (...args) => store.deleteObject(...args),
    ...overrides,
  };
}

function expiry(store: InMemoryObjectStore): number {
  return Date.parse(leaseIn(store).expiresAt);
}

// Waits (real time) until `condition` holds: renewals run on a real timer.
async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition never held');
    await sleep(5);
  }
}

function leaseIn(store: InMemoryObjectStore): { holder: string; expiresAt: string } {
  return JSON.parse(store.objects.get(key)?.toString('utf8') ?? 'null');
}

describe('withReportLease', () => {
  it('refuses a second holder while the first works, then lets it in once released', async () => {
    const deps = setup();
    const first = heldOpen();
    const holding = withReportLease(deps, report, first.work);
    await first.running;
    expect(leaseIn(deps.store).expiresAt).toBe(new Date(T0 + REPORT_LEASE_MS).toISOString());

    const second = jest.fn(async () => 'second');
    const refused = await withReportLease(deps, report, second).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ReportRetrievalInProgressError);
    expect(refused).toMatchObject({
      name: 'ReportRetrievalInProgressError',
      retryable: true,
      reportId: '50001',
      leaseExpiresAt: new Date(T0 + REPORT_LEASE_MS).toISOString(),
    });
    expect(second).not.toHaveBeenCalled();

    first.finish();
    await expect(holding).resolves.toBe('done');
    // Released: nothing is left in the lake, and the next one runs.
    expect(deps.store.objects.has(key)).toBe(false);
    await expect(withReportLease(deps, report, second)).resolves.toBe('second');
  });

  it('releases the lease when the work fails, and passes the failure on', async () => {
    const deps = setup();
    const failure = new Error('curation failed');
    await expect(withReportLease(deps, report, async () => Promise.reject(failure))).rejects.toBe(
      failure,
    );
    expect(deps.store.objects.has(key)).toBe(false);
  });

  it('lets exactly one of two simultaneous holders in', async () => {
    const deps = setup();
    const first = heldOpen();
    const second = heldOpen();
    const results = Promise.allSettled([
      withReportLease(deps, report, first.work),
      withReportLease(deps, report, second.work),
    ]);
    await Promise.race([first.running, second.running]);
    first.finish();
    second.finish();
    const [a, b] = await results;
    const outcomes = [a, b].map((result) => result.status).sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const rejected = [a, b].find((result) => result.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(
      ReportRetrievalInProgressError,
    );
  });

  it('takes over the lease of a holder that died once it has expired', async () => {
    const deps = setup();
    const dead = {
      holder: 'a-retriever-that-timed-out',
      expiresAt: new Date(T0 + 1).toISOString(),
    };
    deps.store.objects.set(key, Buffer.from(JSON.stringify(dead)));
    await expect(withReportLease(deps, report, async () => 'too soon')).rejects.toBeInstanceOf(
      ReportRetrievalInProgressError,
    );
    deps.clock.advance(1);
    await expect(withReportLease(deps, report, async () => 'taken over')).resolves.toBe(
      'taken over',
    );
  });

  it('treats a lease it cannot read as free', async () => {
    const deps = setup();
    deps.store.objects.set(key, Buffer.from('{"holder":'));
    await expect(withReportLease(deps, report, async () => 'ran')).resolves.toBe('ran');
  });

  it('renews the lease while the work runs, so a long replay keeps it', async () => {
    const deps = setup();
    const long = heldOpen();
    const holding = withReportLease({ ...deps, leaseRenewEveryMs: 5 }, report, long.work, {
      leaseMs: 120_000,
    });
    await long.running;
    deps.clock.advance(100_000);
    await until(() => expiry(deps.store) > T0 + 120_000);
    deps.clock.advance(100_000);
    // 200 s after it began, a 120 s lease still holds: it was renewed.
    expect(Date.parse(leaseIn(deps.store).expiresAt)).toBeGreaterThan(deps.clock.now());
    await expect(withReportLease(deps, report, async () => 'intruder')).rejects.toBeInstanceOf(
      ReportRetrievalInProgressError,
    );
    long.finish();
    await holding;
    expect(deps.store.objects.has(key)).toBe(false);
  });

  it('never releases a lease another holder took over after its own expired', async () => {
    const deps = setup();
    const stalled = heldOpen();
    const holding = withReportLease(deps, report, stalled.work, { leaseMs: 1_000 });
    await stalled.running;
    deps.clock.advance(1_000);
    const successor = heldOpen();
    const succeeding = withReportLease(deps, report, successor.work, { leaseMs: 120_000 });
    await successor.running;

    stalled.finish();
    await holding;
    // The successor's lease is still there and still refuses a third.
    await expect(withReportLease(deps, report, async () => 'third')).rejects.toBeInstanceOf(
      ReportRetrievalInProgressError,
    );
    successor.finish();
    await succeeding;
    expect(deps.store.objects.has(key)).toBe(false);
  });

  it('refuses a holder whose read was stale: the write is a compare-and-swap', async () => {
    const deps = setup();
    const first = heldOpen();
    const holding = withReportLease(deps, report, first.work);
    await first.running;
    // The second read the key before the first wrote it.
    let stale = true;
    const staleStore = storeWith(deps.store, {
      getVersioned: async (leaseKey: string) => {
        if (stale) {
          stale = false;
          return undefined;
        }
        return deps.store.getVersioned(leaseKey);
      },
    });
    const second = jest.fn(async () => 'second');
    await expect(
      withReportLease({ ...deps, store: staleStore }, report, second),
    ).rejects.toBeInstanceOf(ReportRetrievalInProgressError);
    expect(second).not.toHaveBeenCalled();
    expect(leaseIn(deps.store).holder).not.toBe(undefined);
    first.finish();
    await holding;
  });

  it('keeps a lease whose write landed though its answer said it had changed', async () => {
    const deps = setup();
    // The SDK retries a write whose answer was lost; the retry fails its own condition.
    const answerLost = storeWith(deps.store, {
      putObject: async (...args) => {
        await deps.store.putObject(...args);
        throw new ObjectChangedError(`${args[0]} changed since it was read`);
      },
    });
    await expect(
      withReportLease({ ...deps, store: answerLost }, report, async () => 'ran'),
    ).resolves.toBe('ran');
    expect(deps.store.objects.has(key)).toBe(false);
  });

  it('never deletes a lease that changed hands between its read and its delete', async () => {
    const deps = setup();
    const successor = JSON.stringify({
      holder: 'the-next-retrieval',
      expiresAt: new Date(T0 + REPORT_LEASE_MS).toISOString(),
    });
    const racing = storeWith(deps.store, {
      deleteObject: async (...args) => {
        // Taken over just before the delete lands (a holder past its expiry, a skewed clock).
        await deps.store.putObject(key, successor);
        return deps.store.deleteObject(...args);
      },
    });
    await expect(
      withReportLease({ ...deps, store: racing }, report, async () => 'ran'),
    ).resolves.toBe('ran');
    expect(leaseIn(deps.store).holder).toBe('the-next-retrieval');
  });

  it('keeps a lease whose write landed though the store answered with an error', async () => {
    const deps = setup();
    const timedOut = storeWith(deps.store, {
      putObject: async (...args) => {
        await deps.store.putObject(...args);
        throw new ObjectStoreUnavailableError('no answer from S3 within the timeout');
      },
    });
    await expect(
      withReportLease({ ...deps, store: timedOut }, report, async () => 'ran'),
    ).resolves.toBe('ran');
    // Unless it did not land: then the store's error is the one reported.
    const refused = storeWith(deps.store, {
      putObject: async () => {
        throw new ObjectStoreUnavailableError('S3 answered 503');
      },
    });
    await expect(
      withReportLease({ ...deps, store: refused }, report, async () => 'never'),
    ).rejects.toBeInstanceOf(ObjectStoreUnavailableError);
  });

  it('goes on renewing after a renewal the store failed', async () => {
    const deps = setup();
    // One renewal meets an outage: its write and the read back both fail.
    let failNext = false;
    let failRead = false;
    const flaky = storeWith(deps.store, {
      putObject: async (...args) => {
        if (failNext) {
          failNext = false;
          failRead = true;
          throw new ObjectStoreUnavailableError('S3 answered 503');
        }
        return deps.store.putObject(...args);
      },
      getVersioned: async (...args) => {
        if (failRead) {
          failRead = false;
          throw new ObjectStoreUnavailableError('S3 answered 503');
        }
        return deps.store.getVersioned(...args);
      },
    });
    const long = heldOpen();
    const holding = withReportLease(
      { ...deps, store: flaky, leaseRenewEveryMs: 5 },
      report,
      long.work,
      { leaseMs: 1_000 },
    );
    await long.running;
    failNext = true;
    await until(() => !failNext && !failRead);
    deps.clock.advance(900);
    // A later renewal lands: the lease now holds past its first expiry.
    await until(() => expiry(deps.store) > T0 + 1_000);
    deps.clock.advance(900);
    expect(expiry(deps.store)).toBeGreaterThan(deps.clock.now());
    long.finish();
    await holding;
  });
});
