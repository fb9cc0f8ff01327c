import { useEffect, useState } from 'preact/hooks';
import { storage } from '#imports';
import { nativeBrowser, type StorageChangeListener } from '@/lib/native-browser';

/**
 * A page's reads of the stores, by key (lib/storage/keys.ts), without importing lib/storage.
 * Defining those items (storage.defineItem with a version) starts a migration check at module
 * load that reads every item in full, history and secrets included: the page would hold the
 * secrets (which never reach a page unmasked, docs/architecture.md) and, with 500 accounts, about
 * 1 MB of JSON it never shows. Migrations are the background's job: it defines the items when it
 * starts. Each page names its own stores (components/popup/stores.ts, use-options-data.ts).
 */

type AreaKey = `${'local' | 'session' | 'sync' | 'managed'}:${string}`;

/**
 * A store kept one key per account (the snapshots, lib/storage/keys.ts): `prefix` + id for each
 * id in the list stored at `ofIdsIn` (the accounts), read as one record by id.
 */
interface Each {
  prefix: `local:${string}`;
  ofIdsIn: AreaKey;
}

/** Where each named store lives and what it reads as when empty (entries of STORE). */
type StoreKeys<T> = {
  readonly [Name in keyof T]: { key: AreaKey; fallback: T[Name]; each?: Each };
};

export interface KeyedStoresSource<T> {
  /** The first read, with every change seen while it was in flight applied on top. */
  first: Promise<T>;
  /** The latest stores: null until the first read lands. */
  current(): T | null;
  /** Called with the new stores on every change after the first read. */
  listen(listener: (stores: T) => void): () => void;
  close(): void;
}

/** The ids in a stored list of `{id}` (the accounts), whatever else it holds. */
function idsIn(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    const id = (entry as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  });
}

/** A per-key store's entries, read by id; absent and deleted (null) ones left out. */
async function readEach(each: Each, ids: readonly string[]): Promise<Record<string, unknown>> {
  if (ids.length === 0) return {};
  const found = await storage.getItems(ids.map((id) => `${each.prefix}${id}` as AreaKey));
  const record: Record<string, unknown> = {};
  found.forEach(({ value }, i) => {
    if (value != null) record[ids[i] as string] = value;
  });
  return record;
}

/**
 * Calls back with (id, value or null) for every change of a key under `prefix`. The browser's own
 * onChanged, not the '#imports' polyfill: the popup loads this first (lib/native-browser.ts).
 */
function watchEach(each: Each, callback: (id: string, value: unknown) => void): () => void {
  const [area, keyPrefix] = [each.prefix.slice(0, 5), each.prefix.slice(6)];
  const listener: StorageChangeListener = (changes, areaName) => {
    if (areaName !== area) return;
    for (const [key, change] of Object.entries(changes)) {
      if (key.startsWith(keyPrefix)) callback(key.slice(keyPrefix.length), change.newValue ?? null);
    }
  };
  const { onChanged } = nativeBrowser().storage;
  onChanged.addListener(listener);
  return () => onChanged.removeListener(listener);
}

/** A record with one entry set, or removed when `value` is null. */
function withEntry(record: object, id: string, value: unknown): Record<string, unknown> {
  const { [id]: _old, ...rest } = record as Record<string, unknown>;
  return value == null ? rest : { ...rest, [id]: value };
}

/**
 * Reads the stores in one get per storage area, then the per-key stores' entries for the ids
 * that read found; `seen` holds what changed meanwhile, which wins.
 */
async function readStores<T>(keys: StoreKeys<T>, names: (keyof T)[]): Promise<T> {
  const plain = names.filter((name) => !keys[name].each);
  const indexKeys = names.flatMap((name) => keys[name].each?.ofIdsIn ?? []);
  const extra = indexKeys.filter((key) => !plain.some((name) => keys[name].key === key));
  const values = await storage.getItems([
    ...plain.map((name) => ({ key: keys[name].key, options: { fallback: keys[name].fallback } })),
    ...extra.map((key) => ({ key })),
  ]);
  const byKey = new Map(values.map(({ key, value }) => [key, value]));
  const read = Object.fromEntries(plain.map((name) => [name, byKey.get(keys[name].key)]));
  for (const name of names) {
    const each = keys[name].each;
    if (each) read[name as string] = await readEach(each, idsIn(byKey.get(each.ofIdsIn)));
  }
  return read as T;
}

/**
 * Starts the watches and the one read (one get per storage area, and one for the per-key
 * stores' entries) at once, so a page can call it before it renders anything.
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
  /** One entry of a per-key store: kept apart until the first read, then merged in. */
  const entries = new Map<keyof T, Map<string, unknown>>();
  const applyEntry = (name: keyof T, id: string, value: unknown) => {
    if (!current) {
      entries.set(name, (entries.get(name) ?? new Map()).set(id, value));
      return;
    }
    apply({ [name]: withEntry(current[name] as object, id, value) } as unknown as Partial<T>);
  };
  const unwatch = names.map((name) => {
    const { key, fallback, each } = keys[name];
    if (each) return watchEach(each, (id, value) => applyEntry(name, id, value));
    return storage.watch<T[typeof name]>(key, (value) =>
      apply({ [name]: value ?? fallback } as unknown as Partial<T>),
    );
  });
  const first = readStores(keys, names).then((read) => {
    const merged = { ...read, ...seen };
    for (const [name, changed] of entries) {
      let record = merged[name] as object;
      for (const [id, value] of changed) record = withEntry(record, id, value);
      merged[name] = record as T[keyof T];
    }
    current = merged;
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
