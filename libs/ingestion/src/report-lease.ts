import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  type ManifestKeyInput,
  ObjectChangedError,
  type ObjectStore,
  reportLeaseKey,
} from '@spapi-lake/lake';
import { ReportRetrievalInProgressError } from './errors';
import type { ClockPort } from './ports';

/**
 * How long a lease holds without renewal: longer than Lambda lets any invocation run (15 minutes),
 * so a retriever that dies mid-way (timeout, out of memory) frees its report by the time a retry
 * of its task could come back, and a live one never loses its lease.
 */
export const REPORT_LEASE_MS = 16 * 60 * 1000;

export interface ReportLeaseDeps {
  readonly store: ObjectStore;
  readonly clock: ClockPort;
}

export interface ReportLeaseOptions {
  /** How long the lease holds from each renewal (default {@link REPORT_LEASE_MS}). */
  readonly leaseMs?: number;
  /** Real time between renewals, while the work runs (default a third of the lease). */
  readonly renewEveryMs?: number;
}

const leaseSchema = z.object({ holder: z.string(), expiresAt: z.string().datetime() });
type Lease = z.infer<typeof leaseSchema>;

/**
 * Runs `work` holding the report's lease, so that one retrieval (or replay) of a report runs at a
 * time. Two of them at once would write the same keys; when one failed, its take-back would delete
 * objects the other was about to list in its manifest. That happens when two executions retrieve
 * one report: a notification arriving for an execution that stopped waiting and polls, two configs
 * asking for the very same report. The lease is a small object written by compare-and-swap, renewed
 * while the work runs and deleted when it ends (see releaseLease). A report whose lease is held
 * fails with the retryable `ReportRetrievalInProgressError`: the workflow tries again later, finds
 * the manifest the holder stored, and completes the window's ledger.
 */
export async function withReportLease<T>(
  deps: ReportLeaseDeps,
  report: ManifestKeyInput,
  work: () => Promise<T>,
  options: ReportLeaseOptions = {},
): Promise<T> {
  const leaseMs = options.leaseMs ?? REPORT_LEASE_MS;
  const key = reportLeaseKey(report);
  const holder = randomUUID();
  const written = (expiresAt: number) =>
    JSON.stringify({ holder, expiresAt: new Date(expiresAt).toISOString() } satisfies Lease);

  const current = await deps.store.getVersioned(key);
  const held = current === undefined ? undefined : leaseOf(current.body);
  if (held !== undefined && Date.parse(held.expiresAt) > deps.clock.now()) {
    throw new ReportRetrievalInProgressError(report.reportId, held.expiresAt);
  }
  let version: string | undefined = await writeLease(
    deps.store,
    key,
    written(deps.clock.now() + leaseMs),
    {
      expected: current?.version ?? null,
      reportId: report.reportId,
    },
  );

  // Each renewal writes on the version the one before it wrote; one that fails stops the rest.
  let renewing: Promise<void> = Promise.resolve();
  const renew = () => {
    renewing = renewing.then(async () => {
      if (version === undefined) return;
      version = await writeLease(deps.store, key, written(deps.clock.now() + leaseMs), {
        expected: version,
        reportId: report.reportId,
      }).catch(() => undefined);
    });
  };
  const renewal = setInterval(renew, options.renewEveryMs ?? leaseMs / 3);
  renewal.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await renewing;
    // A release that fails leaves the lease to expire: a retry only waits longer.
    await releaseLease(deps, key, holder).catch(() => undefined);
  }
}

// Deleted only while it is ours and has not expired: only an expired lease can be taken over, so
// the one deleted is never another holder's. An expired one is left (it holds nothing), and the
// lake keeps no lease of a finished retrieval.
async function releaseLease(deps: ReportLeaseDeps, key: string, holder: string): Promise<void> {
  const stored = await deps.store.getVersioned(key);
  const lease = stored === undefined ? undefined : leaseOf(stored.body);
  if (lease?.holder === holder && Date.parse(lease.expiresAt) > deps.clock.now()) {
    await deps.store.deleteObject(key);
  }
}

async function writeLease(
  store: ObjectStore,
  key: string,
  body: string,
  write: { expected: string | null; reportId: string },
): Promise<string> {
  try {
    await store.putObject(key, body, {
      contentType: 'application/json',
      expectedVersion: write.expected,
    });
  } catch (error) {
    // Another retrieval took the lease between our read and our write.
    if (error instanceof ObjectChangedError) {
      throw new ReportRetrievalInProgressError(write.reportId, undefined, { cause: error });
    }
    throw error;
  }
  const stored = await store.getVersioned(key);
  if (stored === undefined || leaseOf(stored.body)?.holder !== leaseOf(Buffer.from(body))?.holder) {
    throw new ReportRetrievalInProgressError(write.reportId);
  }
  return stored.version;
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
