/**
 * The lock behind each store's writer (lib/storage/writers/). It serialises read-modify-write
 * sections inside one service worker, so two async writers never lose each other's update.
 * Another worker's writes are not covered: only one worker runs at a time (see the round lease).
 */

export interface Mutex {
  lock<T>(section: () => Promise<T>): Promise<T>;
  /** A section runs or waits: a read that would repair the store leaves that to it instead. */
  busy(): boolean;
}

export function createMutex(): Mutex {
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;
  return {
    lock(section) {
      pending += 1;
      const run = async () => {
        try {
          return await section();
        } finally {
          pending -= 1;
        }
      };
      const result = tail.then(run, run);
      tail = result.catch(() => undefined);
      return result;
    },
    busy: () => pending > 0,
  };
}
