/**
 * Small async coordination helpers for one service-worker instance. Cross-worker coordination
 * (a worker restarted mid-round) goes through the storage lease in lib/engine/round-lease.ts instead.
 */

/** Runs at most `limit` tasks at a time per key; the rest wait in arrival order. */
export interface KeyedLimiter {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export function createKeyedLimiter(limit: number): KeyedLimiter {
  const active = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();

  function acquire(key: string): Promise<void> {
    const count = active.get(key) ?? 0;
    if (count < limit) {
      active.set(key, count + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = waiting.get(key) ?? [];
      queue.push(resolve);
      waiting.set(key, queue);
    });
  }

  function release(key: string): void {
    const next = waiting.get(key)?.shift();
    // The slot passes straight to the next waiter, so the count stays the same.
    if (next) {
      next();
      return;
    }
    const count = (active.get(key) ?? 1) - 1;
    if (count <= 0) active.delete(key);
    else active.set(key, count);
    if (waiting.get(key)?.length === 0) waiting.delete(key);
  }

  return {
    async run(key, task) {
      await acquire(key);
      try {
        return await task();
      } finally {
        release(key);
      }
    },
  };
}

/** Serialises read-modify-write sections so two async writers never lose each other's update. */
export interface Mutex {
  lock<T>(section: () => Promise<T>): Promise<T>;
}

export function createMutex(): Mutex {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    lock(section) {
      const result = tail.then(section, section);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

/** Joins concurrent calls with the same key onto one in-flight promise. */
export interface SingleFlight<T> {
  run(key: string, task: () => Promise<T>): Promise<T>;
  inFlight(key: string): Promise<T> | undefined;
}

export function createSingleFlight<T>(): SingleFlight<T> {
  const running = new Map<string, Promise<T>>();
  return {
    run(key, task) {
      const existing = running.get(key);
      if (existing) return existing;
      const promise = task().finally(() => running.delete(key));
      running.set(key, promise);
      return promise;
    },
    inFlight: (key) => running.get(key),
  };
}

/** One call per key; later calls with the key share its promise, rejected ones included. */
export function memoize<T>(task: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const results = new Map<string, Promise<T>>();
  return (key) => {
    let result = results.get(key);
    if (!result) {
      result = task(key);
      results.set(key, result);
    }
    return result;
  };
}

/**
 * A claim on work that must not run twice, kept where a restarted service worker can see it
 * (storage.session). It expires on its own, so a worker that died holding it blocks nobody for
 * longer than the time to live; a living holder renews it while it works.
 */
export interface Lease {
  owner: string;
  expiresAt: number;
}

export interface LeaseStore {
  getValue(): Promise<Lease | null>;
  setValue(value: Lease | null): Promise<void>;
}

export type LeaseClaim = { acquired: true } | { acquired: false; heldUntil: number };

export async function claimLease(
  store: LeaseStore,
  owner: string,
  now: number,
  ttlMs: number,
): Promise<LeaseClaim> {
  const held = await store.getValue();
  if (held && held.owner !== owner && held.expiresAt > now) {
    return { acquired: false, heldUntil: held.expiresAt };
  }
  await store.setValue({ owner, expiresAt: now + ttlMs });
  // Read back: if another context wrote in between, the last writer owns it and we back off.
  const mine = await store.getValue();
  if (mine?.owner !== owner) return { acquired: false, heldUntil: mine?.expiresAt ?? now };
  return { acquired: true };
}

export async function renewLease(
  store: LeaseStore,
  owner: string,
  now: number,
  ttlMs: number,
): Promise<void> {
  const held = await store.getValue();
  if (held?.owner === owner) await store.setValue({ owner, expiresAt: now + ttlMs });
}

export async function releaseLease(store: LeaseStore, owner: string): Promise<void> {
  const held = await store.getValue();
  if (held?.owner === owner) await store.setValue(null);
}
