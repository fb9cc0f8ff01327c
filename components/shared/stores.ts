import { useEffect, useState } from 'preact/hooks';
import { nativeBrowser, type StorageChangeListener } from '@/lib/native-browser';

/**
 * A page's reads of the stores, by key (lib/storage/keys.ts), without importing lib/storage.
 * Defining those items (storage.defineItem with a version) starts a migration check at module
 * load that reads every item in full, history and secrets included: the page would hold the
 * secrets (which never reach a page unmasked, docs/architecture.md) and, with 500 accounts, about
 * 1 MB of JSON it never shows. Migrations are the background's job: it defines the items when it
 * starts. Each page names its own stores (components/popup/stores.ts, use-options-data.ts).
 */

type Area = 'local' | 'session';
type AreaKey = `${Area}:${string}`;

/** "local:accounts" as the browser names it: the area and the key in it. */
function split(key: AreaKey): [Area, string] {
  const colon = key.indexOf(':');
  return [key.slice(0, colon) as Area, key.slice(colon + 1)];
}

/**
 * These keys' stored values, one get per storage area, through the browser's own API (not wxt's
 * storage, which the pages would load only for this). Absent keys are left out.
 */
async function getKeys(keys: readonly AreaKey[]): Promise<Map<AreaKey, unknown>> {
  const byArea = new Map<Area, string[]>();
  for (const key of keys) {
    const [area, name] = split(key);
    const names = byArea.get(area);
    if (names) names.push(name);
    else byArea.set(area, [name]);
  }
  const found = new Map<AreaKey, unknown>();
  await Promise.all(
    [...byArea].map(async ([area, names]) => {
      const values = await nativeBrowser().storage[area].get(names);
      for (const [name, value] of Object.entries(values)) found.set(`${area}:${name}`, value);
    }),
  );
  return found;
}

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

/**
 * A read some earlier script already sent (public/popup-first-read.js): its values by key, and
 * every change of its keys it saw since just before it, in order. `stop` ends its watch.
 */
export interface EarlyRead {
  values: Promise<Record<string, unknown>>;
  changes: [key: string, value: unknown][];
  stop(): void;
}

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
  const found = await getKeys(ids.map((id) => `${each.prefix}${id}` as AreaKey));
  const record: Record<string, unknown> = {};
  for (const id of ids) {
    const value = found.get(`${each.prefix}${id}`);
    if (value != null) record[id] = value;
  }
  return record;
}

/**
 * Calls back with (key, new value or null) for every change of a key `matches`, through the
 * browser's own onChanged (lib/native-browser.ts): the popup loads this first.
 */
function watchKeys(
  matches: (key: AreaKey) => boolean,
  callback: (key: AreaKey, value: unknown) => void,
): () => void {
  const listener: StorageChangeListener = (changes, areaName) => {
    for (const [name, change] of Object.entries(changes)) {
      const key = `${areaName}:${name}` as AreaKey;
      if (matches(key)) callback(key, change.newValue ?? null);
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
async function readStores<T>(
  keys: StoreKeys<T>,
  names: (keyof T)[],
  early?: EarlyRead,
): Promise<T> {
  const plain = names.filter((name) => !keys[name].each);
  const indexKeys = names.flatMap((name) => keys[name].each?.ofIdsIn ?? []);
  const extra = indexKeys.filter((key) => !plain.some((name) => keys[name].key === key));
  const byKey = early
    ? new Map(Object.entries(await early.values))
    : await getKeys([...plain.map((name) => keys[name].key), ...extra]);
  const read = Object.fromEntries(
    plain.map((name) => [name, byKey.get(keys[name].key) ?? keys[name].fallback]),
  );
  for (const name of names) {
    const each = keys[name].each;
    if (each) read[name as string] = await readEach(each, idsIn(byKey.get(each.ofIdsIn)));
  }
  return read as T;
}

/**
 * Starts the watches and the one read (one get per storage area, and one for the per-key
 * stores' entries) at once, so a page can call it before it renders anything. With `early`, the
 * read is the one an earlier script sent (it must cover every key here, none per-key).
 */
export function openStoresByKey<T extends object>(
  keys: StoreKeys<T>,
  early?: EarlyRead,
): KeyedStoresSource<T> {
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
    if (each) {
      return watchKeys(
        (changed) => changed.startsWith(each.prefix),
        (changed, value) => applyEntry(name, changed.slice(each.prefix.length), value),
      );
    }
    return watchKeys(
      (changed) => changed === key,
      (_key, value) => apply({ [name]: value ?? fallback } as unknown as Partial<T>),
    );
  });
  // What the early read's own watch saw before these watches began counts as seen here too.
  for (const [changedKey, value] of early?.changes ?? []) {
    for (const name of names) {
      if (keys[name].key !== changedKey) continue;
      apply({ [name]: value ?? keys[name].fallback } as unknown as Partial<T>);
    }
  }
  early?.stop();
  const first = readStores(keys, names, early).then((read) => {
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
