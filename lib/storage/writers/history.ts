import { historyCheck } from '@/lib/storage/guard';
import { historyItem } from '@/lib/storage/items';
import { checkedStore } from '@/lib/storage/locked-store';

/** The one writer of local:history: the rounds append readings, a delete drops a series. */
const history = checkedStore(historyItem, historyCheck);

export const readHistory = history.read;
export const updateHistory = history.update;
/** For writes across stores: lib/storage/writers/account-removal.ts. */
export const lockHistory = history.locked;
