import { accountsCheck } from '@/lib/storage/guard';
import { accountsItem } from '@/lib/storage/items';
import { checkedStore } from '@/lib/storage/locked-store';
import { refreshPopupSummary } from '@/lib/storage/writers/popup-summary';

/** The one writer of local:accounts (the account list; their secrets are local:secrets). */
const accounts = checkedStore(accountsItem, accountsCheck);

export const readAccounts = accounts.read;
/** A change of the list, then the popup summary derived from it. */
export const updateAccounts: typeof accounts.update = async (change) => {
  const next = await accounts.update(change);
  await refreshPopupSummary();
  return next;
};
/** For writes across stores: lib/storage/writers/configuration.ts. */
export const lockAccounts = accounts.locked;
