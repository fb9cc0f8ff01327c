import { storage } from '#imports';
import { accountsItem, legacyHistoryItem, secretsItem } from '@/lib/storage/items';
import { snapshotKey } from '@/lib/storage/keys';
import { written } from '@/lib/storage/write-error';
import { lockAccounts } from '@/lib/storage/writers/accounts';
import { lockHistory } from '@/lib/storage/writers/history';
import { refreshPopupSummary } from '@/lib/storage/writers/popup-summary';
import { lockSecrets } from '@/lib/storage/writers/secrets';
import { lockSnapshots } from '@/lib/storage/writers/snapshots';

/** The record without `id`, or the record itself when it has none. */
function without<T>(record: Record<string, T>, id: string): Record<string, T> {
  if (!Object.hasOwn(record, id)) return record;
  const { [id]: _gone, ...rest } = record;
  return rest;
}

/**
 * The writer that deletes an account: from the accounts, its secrets and its snapshot in one
 * storage.set, under the stores' locks (taken in the order of lib/storage/locked-store.ts), so
 * that part happens whole or not at all; then, still under the history lock, its series in
 * IndexedDB. A round writing results or history reads the accounts inside its store's lock, so
 * once this lands it cannot put back what was removed; a round that got the lock first has
 * written, and its write is removed with the rest. History that cannot be deleted (IndexedDB
 * unavailable) is left behind unseen: every page lists history by the stored accounts.
 */
export function removeAccount(id: string): Promise<void> {
  return lockAccounts((accounts) =>
    lockSecrets((secrets) =>
      lockSnapshots((snapshots) =>
        lockHistory(async (dropHistory) => {
          const items: Parameters<typeof storage.setItems>[0] = [];
          const kept = accounts.filter((account) => account.id !== id);
          if (kept.length !== accounts.length) items.push({ item: accountsItem, value: kept });
          // local:history too, while it has not yet been moved into IndexedDB.
          const legacy = await legacyHistoryItem.getValue();
          const stores = [
            [secretsItem, secrets],
            [legacyHistoryItem, legacy],
          ] as const;
          for (const [item, value] of stores) {
            const next = without<unknown>(value, id);
            if (next !== value) items.push({ item, value: next });
          }
          // Its own key: null in the same set, so the delete stays whole; removed right after.
          const snapshot = Object.hasOwn(snapshots, id);
          if (snapshot) items.push({ key: snapshotKey(id), value: null });
          if (items.length > 0) await written(() => storage.setItems(items));
          if (snapshot) await storage.removeItem(snapshotKey(id)).catch(() => undefined);
          if (items.length > 0) await refreshPopupSummary();
          await dropHistory(id);
        }),
      ),
    ),
  );
}
