import { requestBudgetItem } from '@/lib/storage/items';
import { plainStore } from '@/lib/storage/locked-store';

/**
 * The one writer of session:requestBudget (lib/engine/request-budget.ts is its only caller).
 * A round's load and writes of its slots, and each slot a page's call (Test connection) takes,
 * run under its lock, so a page's call and a running round each see the other's slots.
 */
const requestBudget = plainStore(requestBudgetItem);

export const lockRequestBudget = requestBudget.locked;
