import { settingsCheck } from '@/lib/storage/guard';
import { settingsItem } from '@/lib/storage/items';
import { checkedStore } from '@/lib/storage/locked-store';

/** The one writer of local:settings. */
const settings = checkedStore(settingsItem, settingsCheck);

export const readSettings = settings.read;
export const updateSettings = settings.update;
/** For writes across stores: lib/storage/writers/configuration.ts. */
export const lockSettings = settings.locked;

/** Every path that changes the settings (options page, import) ends in this store. */
export function watchSettings(onChange: Parameters<typeof settingsItem.watch>[0]): () => void {
  return settingsItem.watch(onChange);
}
