import {
  type EarlyRead,
  type KeyedStoresSource,
  openStoresByKey,
} from '@/components/shared/stores';
import type { PopupSummary } from '@/lib/popup-summary';
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

/** What the first paint reads: the summary the background keeps, and the engine status. */
export interface FirstStores {
  /** Null until the background has written one (an install whose background has not started). */
  summary: PopupSummary | null;
  engine: EngineStatus;
}

export type FirstSource = KeyedStoresSource<FirstStores>;

/** The keys public/popup-first-read.js reads before the popup's scripts load. */
export const FIRST_KEYS = { summary: STORE.popupSummary, engine: STORE.engineStatus } as const;

/**
 * The first paint's read (a few kB whatever the number of accounts), kept live: the one
 * public/popup-first-read.js already sent, when the page loaded it, else a new one.
 */
export function openFirstStores(): FirstSource {
  const scope = globalThis as { balanceWatchFirstRead?: EarlyRead };
  const early = scope.balanceWatchFirstRead;
  scope.balanceWatchFirstRead = undefined;
  return openStoresByKey<FirstStores>(FIRST_KEYS, early);
}

/**
 * Starts the watches and the read of every store the popup lists (one storage.session get, and
 * storage.local gets for the accounts and settings, then the accounts' snapshots).
 */
export function openStores(): StoresSource {
  return openStoresByKey<Stores>(KEYS);
}
