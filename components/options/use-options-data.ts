import { openStoresByKey, useStoresByKey } from '@/components/shared/stores';
import type { Account, Settings, Snapshots } from '@/lib/state';
import { STORE } from '@/lib/storage/keys';

export interface OptionsData {
  accounts: Account[];
  snapshots: Snapshots;
  settings: Settings;
}

/**
 * Read by key, not through lib/storage, so the page never loads the secrets (see
 * components/shared/stores.ts).
 */
const KEYS = {
  accounts: STORE.accounts,
  snapshots: STORE.snapshots,
  settings: STORE.settings,
} as const;

const open = () => openStoresByKey<OptionsData>(KEYS);

/**
 * The stores the options page shows, read once and kept live through storage watches, so a
 * change made by the background (a reading, an import) shows without a reload.
 */
export function useOptionsData(): OptionsData | null {
  return useStoresByKey(open);
}
