import { exportSettingsFile } from '@/lib/engine/settings-file';
import { type Account, DEFAULT_SETTINGS } from '@/lib/state';

/** The settings file of these accounts, as exported without credentials and default settings. */
export function exportedFile(accounts: readonly Account[]): string {
  return exportSettingsFile({
    accounts: [...accounts],
    secrets: {},
    settings: DEFAULT_SETTINGS,
    includeCredentials: false,
  });
}

/** A file holding only the first of these accounts, as exported, with `fields` set on it. */
export function fileWithFirst(
  accounts: readonly Account[],
  fields: Record<string, unknown>,
): string {
  const [first] = JSON.parse(exportedFile(accounts)).accounts;
  return JSON.stringify({
    format: 'balance-watch.settings',
    version: 1,
    settings: {},
    accounts: [{ ...first, ...fields }],
  });
}
