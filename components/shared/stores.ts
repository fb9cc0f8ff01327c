import { useEffect, useState } from 'preact/hooks';
import { storage } from '#imports';

/**
 * A page's reads of the stores, by key (lib/storage/keys.ts), without importing lib/storage.
 * Defining those items (storage.defineItem with a version) starts a migration check at module
 * load that reads every item in full, history and secrets included: the page would hold the
 * secrets (which never reach a page unmasked, docs/architecture.md) and, with 500 accounts, about
 * 1 MB of JSON it never shows. Migrations are the background's job: it defines the items when it
 * starts. Each page names its own stores (components/popup/stores.ts, use-options-data.ts).
 */

type AreaKey = `${'local' | 'session' | 'sync' | 'managed'}:${string}`;

/** Where each named store lives and what it reads as when empty (entries of STORE). */
type StoreKeys<T> = { readonly [Name in keyof T]: { key: AreaKey; fallback: T[Name] } };

export interface KeyedStoresSource<T> {
  /** The first read, with every change seen while it was in flight applied on top. */
  first: Promise<T>;
  /** The latest stores: null until the first read lands. */
  current(): T | null;
  /** Called with the new stores on every change after the first read. */
  listen(listener: (stores: T) => void): () => void;
  close(): void;
}

/**
 * Starts the watches and the one read (one get per storage area) at once, so a page can call it
 * before it renders anything.
 */
export function openStoresByKey<T extends object>(keys: StoreKeys<T>): KeyedStoresSource<T> {
  const names = Object.keys(keys) as (keyof T)[];
  let seen: Partial<T> = {};
  let current: T | null = null;
  const listeners = new Set<(stores: T) => void>();
  const apply = (change: Partial<T>) => {
    // Changes seen while the first read is in flight win over what that read returns.
    seen = { ...seen, ...change };
    if (!current) return;
    current = { ...current, ...change };
    for (const listener of listeners) listener(current);
  };
  const unwatch = names.map((name) => {
    const { key, fallback } = keys[name];
    return storage.watch<T[typeof name]>(key, (value) =>
      apply({ [name]: value ?? fallback } as unknown as Partial<T>),
    );
  });
  const first = storage
    .getItems(
      names.map((name) => ({ key: keys[name].key, options: { fallback: keys[name].fallback } })),
    )
    .then((values) => {
      const read = Object.fromEntries(values.map(({ value }, i) => [names[i], value])) as T;
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

/**
 * The stores, kept live through storage watches; null until the first read lands. `source` is a
 * read the page started before it rendered; without one the hook starts its own with `open`.
 */
export function useStoresByKey<T>(
  open: () => KeyedStoresSource<T>,
  source?: KeyedStoresSource<T>,
): T | null {
  const [own] = useState(() => (source ? null : open()));
  const stores$ = source ?? (own as KeyedStoresSource<T>);
  const [stores, setStores] = useState<T | null>(() => stores$.current());
  useEffect(() => {
    let alive = true;
    const stop = stores$.listen(setStores);
    // Also catches up with changes that landed between the first render and this effect.
    stores$.first.then(() => {
      if (alive) setStores(stores$.current());
    });
    return () => {
      alive = false;
      stop();
      own?.close();
    };
  }, [stores$, own]);
  return stores;
}
