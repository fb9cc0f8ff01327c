import { storage } from '#imports';
import type { Account, EngineStatus, History, Settings, Snapshots } from '../../lib/state';
import { STORE } from '../../lib/storage-keys';

/**
 * The popup's reads of the stores, by key, without importing lib/storage. Defining those items
 * (storage.defineItem with a version) starts a migration check at module load that reads every
 * item in full, history and secrets included: with 500 accounts about 1 MB of JSON before the
 * popup could ask for the 330 kB it shows. Migrations are the background's job: it defines the
 * items when it starts.
 */

export interface Stores {
  accounts: Account[];
  snapshots: Snapshots;
  settings: Settings;
  engine: EngineStatus;
}

const KEYS = {
  accounts: STORE.accounts,
  snapshots: STORE.snapshots,
  settings: STORE.settings,
  engine: STORE.engineStatus,
} as const;

type Name = keyof Stores;
const NAMES = Object.keys(KEYS) as Name[];

export interface StoresSource {
  /** The first read, with every change seen while it was in flight applied on top. */
  first: Promise<Stores>;
  /** The latest stores: null until the first read lands. */
  current(): Stores | null;
  /** Called with the new stores on every change after the first read. */
  listen(listener: (stores: Stores) => void): () => void;
  close(): void;
}

/**
 * Starts the watches and the one read (one storage.local get, one storage.session get) at once,
 * so a page can call it before it renders anything.
 */
export function openStores(): StoresSource {
  let seen: Partial<Stores> = {};
  let current: Stores | null = null;
  const listeners = new Set<(stores: Stores) => void>();
  const apply = (change: Partial<Stores>) => {
    // Changes seen while the first read is in flight win over what that read returns.
    seen = { ...seen, ...change };
    if (!current) return;
    current = { ...current, ...change };
    for (const listener of listeners) listener(current);
  };
  const unwatch = NAMES.map((name) => {
    const { key, fallback } = KEYS[name];
    return storage.watch<Stores[typeof name]>(key, (value) => apply({ [name]: value ?? fallback }));
  });
  const first = storage
    .getItems(
      NAMES.map((name) => ({ key: KEYS[name].key, options: { fallback: KEYS[name].fallback } })),
    )
    .then((values) => {
      const read = Object.fromEntries(
        values.map(({ value }, i) => [NAMES[i], value]),
      ) as unknown as Stores;
      current = { ...read, ...seen };
      return current;
    });
  return {
    first,
    current: () => current,
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      for (const stop of unwatch) stop();
      listeners.clear();
    },
  };
}

/** History for the trends, read after the first paint. */
export function readHistory(): Promise<History> {
  return storage.getItem<History>(STORE.history.key, { fallback: STORE.history.fallback });
}

export function watchHistory(callback: (history: History) => void): () => void {
  return storage.watch<History>(STORE.history.key, (value) =>
    callback(value ?? STORE.history.fallback),
  );
}
