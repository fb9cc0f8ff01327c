import { type Check, type GuardedItem, inspect, readValidated } from '@/lib/storage/guard';
import { createMutex, type Mutex } from '@/lib/storage/lock';
import { written } from '@/lib/storage/write-error';

/**
 * One store behind one lock: what each writer in lib/storage/writers/ is built from. Every
 * read-modify-write of the store runs inside the lock and reads the store there, so no value
 * read before the lock can feed a write.
 *
 * Lock order: a section that takes more than one store's lock takes them as accounts, secrets,
 * settings, snapshots, history, popup summary (quarantine last, from any of them); the session
 * stores (engine status, round lease, token cache) never hold another lock. Reads never wait for
 * a lock, so a read inside any section cannot deadlock.
 */

/** A change returns the next value; returning its input unchanged writes nothing. */
type Change<T> = (value: T) => T | Promise<T>;

/** A locked section: the value as it is now, and the write of its next value. */
type Section<T, R> = (value: T, write: (next: T) => Promise<void>) => Promise<R>;

interface LockedStore<T> {
  read(): Promise<T>;
  /**
   * A read-modify-write under the lock. A change that returns its input writes nothing, so a
   * no-op (deleting what is not there) costs no storage event in every open page.
   */
  update(change: Change<T>): Promise<T>;
  /** For changes that do more than return a value under the lock (a result, another store). */
  locked<R>(section: Section<T, R>): Promise<R>;
}

interface Item<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
}

/** How a store writes its next value, knowing the value read in the same section. */
type WriteChange<T> = (before: T, next: T) => Promise<void>;

/**
 * What a writer may know of its store without reading it: the value its last write left, while
 * nothing else has written the store since (the writer keeps it as it writes).
 */
export interface StoreMemory<T> {
  /** The store as the last write left it, or undefined when that cannot be vouched for. */
  recall(): Promise<T | undefined>;
  /** Nothing known any more: a write failed, or a section wrote the store its own way. */
  forget(): void;
}

function sections<T>(
  lock: Mutex,
  readInside: () => Promise<T>,
  item: Item<T>,
  writeChange: WriteChange<T> = (_before, next) => item.setValue(next),
  memory?: StoreMemory<T>,
): Omit<LockedStore<T>, 'read'> {
  // A refused write is a StorageWriteError, whose message the options page shows.
  const write = (before: T, next: T) =>
    written(() => writeChange(before, next)).catch((error: unknown) => {
      memory?.forget();
      throw error;
    });
  return {
    update: (change) =>
      lock.lock(async () => {
        const value = (await memory?.recall()) ?? (await readInside());
        const next = await change(value);
        if (next !== value) await write(value, next);
        return next;
      }),
    locked: (section) =>
      lock.lock(async () => {
        // A section may write the store by other means (a delete's storage.set).
        memory?.forget();
        const value = await readInside();
        try {
          return await section(value, (next) => write(value, next));
        } finally {
          memory?.forget();
        }
      }),
  };
}

/**
 * A store whose reads are checked (lib/storage/guard.ts). A read that finds damage repairs it
 * under the lock; when a section holds the lock, the read returns the repaired value and leaves
 * the repair to that section (it reads through the same check) or to the next read.
 * `writeChange` writes only what changed, for a store kept under many keys (the snapshots), and
 * `memory` spares a read of such a store (in a section or not) while the writer's last write
 * still holds.
 */
export function checkedStore<T>(
  item: GuardedItem<T>,
  check: Check<T>,
  writeChange?: WriteChange<T>,
  memory?: StoreMemory<T>,
): LockedStore<T> {
  const lock = createMutex();
  const readInside = () => readValidated(item, check);
  return {
    async read() {
      const known = await memory?.recall();
      if (known) return known;
      const found = await inspect(item, check);
      if (found.rejected.length === 0 || lock.busy()) return found.value;
      return lock.lock(async () => {
        // A repair is a write of the store's own.
        memory?.forget();
        return readInside();
      });
    },
    ...sections(lock, readInside, item, writeChange, memory),
  };
}

/** A store the background alone writes, with no schema to check (session state). */
export function plainStore<T>(item: Item<T>): LockedStore<T> {
  const read = () => item.getValue();
  return { read, ...sections(createMutex(), read, item) };
}
