import { storage } from '#imports';
import { claimLease, type Lease, type LeaseStore, releaseLease, renewLease } from './concurrency';
import { engineStatusItem } from './storage';

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
