import { openStoresByKey, useStoresByKey } from '@/components/shared/stores';
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

const open = () => openStoresByKey<AccountStores>(KEYS);

/**
 * The accounts, their snapshots and the settings, read once and kept live through storage
 * watches, so a change made by the background (a reading, an import) shows without a reload.
 */
export function useAccountStores(): AccountStores | null {
  return useStoresByKey(open);
}
