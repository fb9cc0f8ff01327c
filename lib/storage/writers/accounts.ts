import { accountsCheck } from '@/lib/storage/guard';
import { accountsItem } from '@/lib/storage/items';
import { checkedStore } from '@/lib/storage/locked-store';

/** The one writer of local:accounts (the account list; their secrets are local:secrets). */
const accounts = checkedStore(accountsItem, accountsCheck);

export const readAccounts = accounts.read;
export const updateAccounts = accounts.update;
/** For writes across stores: lib/storage/writers/configuration.ts. */
export const lockAccounts = accounts.locked;
