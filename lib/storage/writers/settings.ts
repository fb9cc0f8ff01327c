import { settingsCheck } from '@/lib/storage/guard';
import { settingsItem } from '@/lib/storage/items';
import { checkedStore } from '@/lib/storage/locked-store';
import { refreshPopupSummary } from '@/lib/storage/writers/popup-summary';

/** The one writer of local:settings. */
const settings = checkedStore(settingsItem, settingsCheck);

export const readSettings = settings.read;
/** A change of the settings, then the popup summary (a threshold or interval changes it). */
export const updateSettings: typeof settings.update = async (change) => {
  const next = await settings.update(change);
  await refreshPopupSummary();
  return next;
};
/** For writes across stores: lib/storage/writers/configuration.ts. */
export const lockSettings = settings.locked;

/** Every path that changes the settings (options page, import) ends in this store. */
export function watchSettings(onChange: Parameters<typeof settingsItem.watch>[0]): () => void {
  return settingsItem.watch(onChange);
}
