import { type KeyedStoresSource, openStoresByKey } from '@/components/shared/stores';
import type { Account, EngineStatus, Settings, Snapshots } from '@/lib/state';
import { STORE } from '@/lib/storage/keys';

/**
 * The popup's reads of the stores, by key, without importing lib/storage (see
 * components/shared/stores.ts): its first paint reads neither history nor secrets. History is
 * read from IndexedDB after it (components/popup/history.ts).
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

export type StoresSource = KeyedStoresSource<Stores>;

/**
 * Starts the watches and the one read (one storage.local get, one storage.session get) at once,
 * so a page can call it before it renders anything.
 */
export function openStores(): StoresSource {
  return openStoresByKey<Stores>(KEYS);
}
