import {
  type KeyedStoresSource,
  openStoresByKey,
  useStoresByKey,
} from '@/components/shared/stores';
import type { Account, Settings, Snapshots } from '@/lib/state';
import { STORE } from '@/lib/storage/keys';

/** What the options page and the dashboard show of every account. */
export interface AccountStores {
  accounts: Account[];
  snapshots: Snapshots;
  settings: Settings;
}

/**
 * Read by key, not through lib/storage, so a page never loads the secrets (see
 * components/shared/stores.ts).
 */
const KEYS = {
  accounts: STORE.accounts,
  snapshots: STORE.snapshots,
  settings: STORE.settings,
} as const;

/** Starts the read and the watches; a page calls it before it renders, to read sooner. */
export const openAccountStores = () => openStoresByKey<AccountStores>(KEYS);

/**
 * The accounts, their snapshots and the settings, read once and kept live through storage
 * watches, so a change made by the background (a reading, an import) shows without a reload.
 * `source` is the read the page started before it rendered; without one the hook starts its own.
 */
export function useAccountStores(source?: KeyedStoresSource<AccountStores>): AccountStores | null {
  return useStoresByKey(openAccountStores, source);
}
