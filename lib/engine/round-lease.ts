import { updateEngineStatus } from '@/lib/storage/writers/engine-status';
import {
  claimLease,
  dropOthersLease,
  type LeaseStore,
  readLease,
  releaseLease,
  renewLease,
} from '@/lib/storage/writers/round-lease';

/**
 * Single flight across service-worker restarts: a lease in storage.session says a round is under
 * way. A worker killed mid-round cannot release it, so it expires on its own; a living round
 * keeps it fresh. The lease is written only through lib/storage/writers/round-lease.ts.
 */

export interface LeaseHolder {
  /** Who this worker is; a new id per service-worker start. */
  workerId: string;
  /** The session's round lease unless given; tests give two workers a lease each. */
  leaseStore?: LeaseStore;
  leaseTtlMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /**
   * Settles once this worker has repaired what a stopped one left (takeOverFromDeadWorker); no
   * lease is claimed before, or a dead worker's lease would make the first round skip.
   */
  ready?: Promise<void>;
}

/**
 * Runs `work` while holding the lease. When another worker's lease is live: 'busy' at once, or,
 * with `waitIfBusy`, after waiting for that lease to end.
 */
export async function withRoundLease<T>(
  holder: LeaseHolder,
  waitIfBusy: boolean,
  work: () => Promise<T>,
): Promise<T | 'busy'> {
  const { workerId, leaseStore, leaseTtlMs, now } = holder;
  await holder.ready;
  for (;;) {
    const claim = await claimLease(workerId, now(), leaseTtlMs, leaseStore);
    if (claim.acquired) break;
    if (!waitIfBusy) return 'busy';
    await holder.sleep(Math.max(0, Math.min(1000, claim.heldUntil - now())) + 1);
  }
  // A living round keeps its lease fresh so only a dead worker's lease ever expires.
  const heartbeat = setInterval(
    () => void renewLease(workerId, now(), leaseTtlMs, leaseStore),
    leaseTtlMs / 3,
  );
  try {
    return await work();
  } finally {
    clearInterval(heartbeat);
    await releaseLease(workerId, leaseStore);
  }
}

/** After a worker restart: a round that died with its worker must not show as running forever. */
export async function clearDeadRound(
  leaseStore: LeaseStore | undefined,
  now: number,
): Promise<void> {
  // The lease is read inside the status lock, so the decision and the write see the same moment.
  await updateEngineStatus(async (status) => {
    if (!status.roundRunning) return status;
    const lease = await readLease(leaseStore);
    return lease && lease.expiresAt > now ? status : { ...status, roundRunning: false };
  });
}

/**
 * At worker start. Chrome runs one service worker per extension at a time and only the worker
 * takes the lease, so a lease held by any other owner belongs to a stopped worker, however far
 * off its expiry: waiting it out would skip the alarm that woke us and keep "Refresh now"
 * disabled for up to a minute. Never throws: a failed repair only means the old lease expires on
 * its own, as before.
 */
export async function takeOverFromDeadWorker(
  holder: Pick<LeaseHolder, 'workerId' | 'leaseStore' | 'now'>,
): Promise<void> {
  try {
    await dropOthersLease(holder.workerId, holder.leaseStore);
    await clearDeadRound(holder.leaseStore, holder.now());
  } catch (error) {
    console.error("[balance-watch] could not clear the stopped worker's round", error);
  }
}
