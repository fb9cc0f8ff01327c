import { storage } from '#imports';
import type { Account, Secrets, Settings } from '@/lib/state';
import { accountsItem, secretsItem, settingsItem } from '@/lib/storage/items';
import { written } from '@/lib/storage/write-error';
import { lockAccounts } from '@/lib/storage/writers/accounts';
import { refreshPopupSummary } from '@/lib/storage/writers/popup-summary';
import { lockSecrets } from '@/lib/storage/writers/secrets';
import { lockSettings } from '@/lib/storage/writers/settings';

/** What the user configures: the accounts, their secrets and the settings. */
export interface Configuration {
  accounts: Account[];
  secrets: Secrets;
  settings: Settings;
}

/** Writes the given stores in one storage.set: they land together or not at all. */
export type SaveConfiguration = (next: Partial<Configuration>) => Promise<void>;

const save: SaveConfiguration = async (next) => {
  const items: Parameters<typeof storage.setItems>[0] = [];
  if (next.secrets) items.push({ item: secretsItem, value: next.secrets });
  if (next.settings) items.push({ item: settingsItem, value: next.settings });
  if (next.accounts) items.push({ item: accountsItem, value: next.accounts });
  if (items.length > 0) await written(() => storage.setItems(items));
  if (next.accounts || next.settings) await refreshPopupSummary();
};

/**
 * The writer for changes that span accounts, secrets and settings (saving an account, importing
 * a settings file). It holds all three locks, always taken in this order (accounts, then
 * secrets, then settings) so two such writers never wait on each other. `section` gets the
 * stores as they are now and `save`; everything it reads and writes stays inside the locks.
 */
export function lockConfiguration<R>(
  section: (current: Configuration, save: SaveConfiguration) => Promise<R>,
): Promise<R> {
  return lockAccounts((accounts) =>
    lockSecrets((secrets) =>
      lockSettings((settings) => section({ accounts, secrets, settings }, save)),
    ),
  );
}
