import { engineStatusItem } from '@/lib/storage/items';
import { plainStore } from '@/lib/storage/locked-store';

/**
 * The one writer of session:engineStatus: the round (running, finished), the scheduler (online,
 * offline) and a worker start that finds a dead round. Each change is a merge under the lock, so
 * "online" set by a network event is not undone by a round finishing with what it read before.
 */
const engineStatus = plainStore(engineStatusItem);

export const readEngineStatus = engineStatus.read;
export const updateEngineStatus = engineStatus.update;
