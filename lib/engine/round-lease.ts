import { storage } from '#imports';
import {
  claimLease,
  type Lease,
  type LeaseStore,
  releaseLease,
  renewLease,
} from '@/lib/engine/concurrency';
import { engineStatusItem } from '@/lib/storage/items';

/**
 * Single flight across service-worker restarts: a lease in storage.session says a round is under
 * way. A worker killed mid-round cannot release it, so it expires on its own; a living round
 * keeps it fresh.
 */

export const roundLeaseItem = storage.defineItem<Lease | null>('session:roundLease', {
  fallback: null,
});

export interface LeaseHolder {
  /** Who this worker is; a new id per service-worker start. */
  workerId: string;
  leaseStore: LeaseStore;
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
    const claim = await claimLease(leaseStore, workerId, now(), leaseTtlMs);
    if (claim.acquired) break;
    if (!waitIfBusy) return 'busy';
    await holder.sleep(Math.max(0, Math.min(1000, claim.heldUntil - now())) + 1);
  }
  // A living round keeps its lease fresh so only a dead worker's lease ever expires.
  const heartbeat = setInterval(
    () => void renewLease(leaseStore, workerId, now(), leaseTtlMs),
    leaseTtlMs / 3,
  );
  try {
    return await work();
  } finally {
    clearInterval(heartbeat);
    await releaseLease(leaseStore, workerId);
  }
}

/** After a worker restart: a round that died with its worker must not show as running forever. */
export async function clearDeadRound(leaseStore: LeaseStore, now: number): Promise<void> {
  const lease = await leaseStore.getValue();
  const status = await engineStatusItem.getValue();
  if (status.roundRunning && (!lease || lease.expiresAt <= now)) {
    await engineStatusItem.setValue({ ...status, roundRunning: false });
  }
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
    const lease = await holder.leaseStore.getValue();
    if (lease && lease.owner !== holder.workerId) await holder.leaseStore.setValue(null);
    await clearDeadRound(holder.leaseStore, holder.now());
  } catch (error) {
    console.error("[balance-watch] could not clear the stopped worker's round", error);
  }
}
