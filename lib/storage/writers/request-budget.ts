import { requestBudgetItem } from '@/lib/storage/items';
import { plainStore } from '@/lib/storage/locked-store';

/**
 * The one writer of session:requestBudget (lib/engine/request-budget.ts is its only caller).
 * Accounts of one round that share a caller ask for a request at the same time; under the lock
 * each sees the others' requests, so together they never go over the limit.
 */
const requestBudget = plainStore(requestBudgetItem);

export const readRequestBudget = requestBudget.read;
export const updateRequestBudget = requestBudget.update;
