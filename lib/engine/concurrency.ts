/**
 * Small async coordination helpers for one service-worker instance. Cross-worker coordination
 * (a worker restarted mid-round) goes through the storage lease in lib/engine/round-lease.ts
 * instead, and each store's lock lives with its writer (lib/storage/lock.ts).
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
