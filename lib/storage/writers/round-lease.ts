import { roundLeaseItem } from '@/lib/storage/items';
import type { Lease } from '@/lib/storage/keys';
import { createMutex, type Mutex } from '@/lib/storage/lock';

/**
 * The one writer of session:roundLease: a claim on the refresh round, kept where a restarted
 * service worker can see it (storage.session). It expires on its own, so a worker that died
 * holding it blocks nobody for longer than the time to live; a living holder renews it while it
 * works. Claim, renew and release each run under the lease's lock, so two claims in this worker
 * cannot both read "free" and both take it. Each function takes the store last: the round lease
 * by default, another one in tests that run two workers side by side.
 */

export interface LeaseStore {
  getValue(): Promise<Lease | null>;
  setValue(value: Lease | null): Promise<void>;
}

type LeaseClaim = { acquired: true } | { acquired: false; heldUntil: number };

const locks = new WeakMap<LeaseStore, Mutex>();

function locked<R>(store: LeaseStore, section: () => Promise<R>): Promise<R> {
  let lock = locks.get(store);
  if (!lock) {
    lock = createMutex();
    locks.set(store, lock);
  }
  return lock.lock(section);
}

export function readLease(store: LeaseStore = roundLeaseItem): Promise<Lease | null> {
  return store.getValue();
}

export function claimLease(
  owner: string,
  now: number,
  ttlMs: number,
  store: LeaseStore = roundLeaseItem,
): Promise<LeaseClaim> {
  return locked(store, async () => {
    const held = await store.getValue();
    if (held && held.owner !== owner && held.expiresAt > now) {
      return { acquired: false, heldUntil: held.expiresAt };
    }
    await store.setValue({ owner, expiresAt: now + ttlMs });
    // Read back: if another context wrote in between, the last writer owns it and we back off.
    const mine = await store.getValue();
    if (mine?.owner !== owner) return { acquired: false, heldUntil: mine?.expiresAt ?? now };
    return { acquired: true };
  });
}

export function renewLease(
  owner: string,
  now: number,
  ttlMs: number,
  store: LeaseStore = roundLeaseItem,
): Promise<void> {
  return locked(store, async () => {
    const held = await store.getValue();
    if (held?.owner === owner) await store.setValue({ owner, expiresAt: now + ttlMs });
  });
}

export function releaseLease(owner: string, store: LeaseStore = roundLeaseItem): Promise<void> {
  return locked(store, async () => {
    const held = await store.getValue();
    if (held?.owner === owner) await store.setValue(null);
  });
}

/** At worker start: a lease held by anyone else belongs to a worker that has stopped. */
export function dropOthersLease(owner: string, store: LeaseStore = roundLeaseItem): Promise<void> {
  return locked(store, async () => {
    const held = await store.getValue();
    if (held && held.owner !== owner) await store.setValue(null);
  });
}
