import { storage } from '#imports';
import { type PopupSummary, popupSummary } from '@/lib/popup-summary';
import type { Snapshots } from '@/lib/state';
import { accountsCheck, inspect, settingsCheck, snapshotsCheck } from '@/lib/storage/guard';
import { accountsItem, popupSummaryItem, settingsItem } from '@/lib/storage/items';
import { createMutex } from '@/lib/storage/lock';
import { snapshotsItem } from '@/lib/storage/snapshot-item';

/**
 * The one writer of local:popupSummary, which lib/popup-summary.ts derives from the accounts,
 * snapshots and settings. Every change of those stores is followed by a write of it: the
 * snapshots' in the same storage.set (`writeWithSummary`), the accounts' and settings' right
 * after theirs (`refreshPopupSummary`). Each write derives it under this store's lock from the
 * stores as they are then, so the last one always agrees with them. Its lock comes after the
 * snapshots' and the history's in the lock order (lib/storage/locked-store.ts).
 */

const lock = createMutex();

type SetItems = Parameters<typeof storage.setItems>[0];

/** The summary of the stores as they are now, or with `snapshots` about to be written. */
async function derive(snapshots?: Snapshots): Promise<PopupSummary> {
  const [accounts, settings, stored] = await Promise.all([
    inspect(accountsItem, accountsCheck),
    inspect(settingsItem, settingsCheck),
    snapshots ? undefined : inspect(snapshotsItem, snapshotsCheck),
  ]);
  return popupSummary(
    {
      accounts: accounts.value,
      settings: settings.value,
      snapshots: snapshots ?? stored?.value ?? {},
    },
    Date.now(),
  );
}

/**
 * For the snapshots' writer: its items and the summary of `snapshots` (the store once they land)
 * in one storage.set. A refused write changes neither.
 */
export function writeWithSummary(items: SetItems, snapshots: Snapshots): Promise<void> {
  return lock.lock(async () => {
    const summary = await derive(snapshots);
    await storage.setItems([...items, { item: popupSummaryItem, value: summary }]);
  });
}

/**
 * After the accounts or the settings changed: the summary again. It never fails
 * the change that asked: a summary that cannot be written leaves the popup's first paint behind
 * until the next write, and the popup reads the stores themselves right after that paint.
 */
export async function refreshPopupSummary(): Promise<void> {
  await lock
    .lock(async () => popupSummaryItem.setValue(await derive()))
    .catch((error: unknown) => console.error('[balance-watch] popup summary not written', error));
}

/** At start: a summary where there is none yet (the first start of a version that keeps one). */
export async function ensurePopupSummary(): Promise<void> {
  if ((await popupSummaryItem.getValue()) === null) await refreshPopupSummary();
}
