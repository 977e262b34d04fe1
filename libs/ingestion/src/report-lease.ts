import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { systemClock } from '@spapi-lake/core';
import {
  type ManifestKeyInput,
  ObjectChangedError,
  type ObjectStore,
  reportLeaseKey,
} from '@spapi-lake/lake';
import { ReportRetrievalInProgressError } from './errors';
import type { ClockPort } from './ports';

/**
 * How long a lease holds from when it is taken (or last renewed): longer than Lambda lets any
 * invocation run (15 minutes), so a retriever never outlives its lease, and one that dies midway
 * (timeout, out of memory) frees its report at most 16 minutes after it began.
 */
export const REPORT_LEASE_MS = 16 * 60 * 1000;

export interface ReportLeaseDeps {
  readonly store: ObjectStore;
  /**
   * What a lease's expiry is counted on (default the system clock): real elapsed time, never a
   * simulated clock, which jumps ahead while the holder works.
   */
  readonly leaseClock?: ClockPort;
  /**
   * Renews the lease this often (real time) while the work runs, for work that can outlast
   * {@link REPORT_LEASE_MS}: a replay from a workstation. A retriever in Lambda never renews, so a
   * dead one frees its report 16 minutes after it began.
   */
  readonly leaseRenewEveryMs?: number;
}

const leaseSchema = z.object({ holder: z.string(), expiresAt: z.string().datetime() });
type Lease = z.infer<typeof leaseSchema>;

/**
 * Runs `work` holding the report's lease, so that one retrieval (or replay) of a report runs at a
 * time. Two of them at once would write the same keys; when one failed, its take-back would delete
 * objects the other was about to list in its manifest. That happens when two executions retrieve
 * one report: a notification arriving for an execution that stopped waiting and polls, two configs
 * asking for the very same report. The lease is a small object written by compare-and-swap and
 * deleted (compare-and-delete) when the work ends. A report whose lease is held fails with the
 * retryable `ReportRetrievalInProgressError`: the workflow tries again later, finds the manifest
 * the holder stored, and completes the window's ledger.
 */
export async function withReportLease<T>(
  deps: ReportLeaseDeps,
  report: ManifestKeyInput,
  work: () => Promise<T>,
  options: { readonly leaseMs?: number } = {},
): Promise<T> {
  const leaseMs = options.leaseMs ?? REPORT_LEASE_MS;
  const clock = deps.leaseClock ?? systemClock;
  const key = reportLeaseKey(report);
  const holder = randomUUID();
  const lease = (): Lease => ({
    holder,
    expiresAt: new Date(clock.now() + leaseMs).toISOString(),
  });

  const current = await deps.store.getVersioned(key);
  const held = current === undefined ? undefined : leaseOf(current.body);
  if (held !== undefined && Date.parse(held.expiresAt) > clock.now()) {
    throw new ReportRetrievalInProgressError(report.reportId, held.expiresAt);
  }
  let version: string | undefined = await writeLease(deps.store, key, lease(), {
    expected: current?.version ?? null,
    reportId: report.reportId,
  });

  let renewing: Promise<void> = Promise.resolve();
  const renew = () => {
    renewing = renewing.then(async () => {
      if (version === undefined) return;
      try {
        version = await writeLease(deps.store, key, lease(), {
          expected: version,
          reportId: report.reportId,
        });
      } catch (error) {
        // Lost to another holder: nothing more to renew. A store failure: the next tick tries again.
        if (error instanceof ReportRetrievalInProgressError) version = undefined;
      }
    });
  };
  const renewal =
    deps.leaseRenewEveryMs === undefined ? undefined : setInterval(renew, deps.leaseRenewEveryMs);
  renewal?.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await renewing;
    // A release that fails leaves the lease to expire: a retry only waits longer.
    await releaseLease(deps.store, key, holder).catch(() => undefined);
  }
}

// Deleted only while it is ours: a compare-and-delete on the version read, so a lease that has
// expired and changed hands meanwhile stays its new holder's. The lake keeps no lease of a
// finished retrieval.
async function releaseLease(store: ObjectStore, key: string, holder: string): Promise<void> {
  const stored = await store.getVersioned(key);
  if (stored === undefined || leaseOf(stored.body)?.holder !== holder) return;
  await store.deleteObject(key, { expectedVersion: stored.version });
}

// The lease is ours only if the object says so afterwards. A write that failed may still have
// landed (the SDK retries a write whose answer was lost, and the retry fails its own condition; a
// timeout or 5xx can follow a stored write), and the read also gives the version the next renewal
// writes on.
async function writeLease(
  store: ObjectStore,
  key: string,
  lease: Lease,
  write: { expected: string | null; reportId: string },
): Promise<string> {
  let failure: unknown;
  try {
    await store.putObject(key, JSON.stringify(lease), {
      contentType: 'application/json',
      expectedVersion: write.expected,
    });
  } catch (error) {
    failure = error;
  }
  const stored = await store.getVersioned(key).catch((readError: unknown) => {
    throw failure ?? readError;
  });
  const now = stored === undefined ? undefined : leaseOf(stored.body);
  if (stored !== undefined && now?.holder === lease.holder) return stored.version;
  if (failure !== undefined && !(failure instanceof ObjectChangedError)) throw failure;
  throw new ReportRetrievalInProgressError(write.reportId, now?.expiresAt);
}

// A lease that cannot be read (cut short, not ours) holds nothing.
function leaseOf(body: Buffer): Lease | undefined {
  try {
    const parsed = leaseSchema.safeParse(JSON.parse(body.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
