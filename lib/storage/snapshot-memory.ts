import { storage } from '#imports';
import type { Snapshots } from '@/lib/state';
import { STORE } from '@/lib/storage/keys';
import type { StoreMemory } from '@/lib/storage/locked-store';

const MARK_KEY = STORE.snapshots.mark;

export interface SnapshotMemory extends StoreMemory<Snapshots> {
  /** A mark no write has carried before, to write with the next snapshots. */
  nextMark(): string;
  /** After a write that landed: the store as it left it, and the mark it carried. */
  keep(value: Snapshots, mark: string): void;
}

/**
 * The snapshots' writer's memory of its store (issue 17). Reading the store means reading every
 * account's key and checking each snapshot, which a round's last write did on the worker's one
 * thread while the last answers waited. The writer writes a new mark with each of its writes
 * (in the same storage.set); any other write of the keys (a repair, the old layout moved over)
 * clears it, a delete's section forgets, and a worker started again knows nothing. So while the
 * stored mark is the writer's last, the store is what that write left: one small read instead.
 */
export function createSnapshotMemory(): SnapshotMemory {
  // Tells this worker's marks from those of a worker before it.
  const worker = crypto.randomUUID();
  let writes = 0;
  let kept: { value: Snapshots; mark: string } | undefined;
  return {
    nextMark: () => `${worker}:${++writes}`,
    keep(value, mark) {
      kept = { value, mark };
    },
    async recall() {
      const known = kept;
      if (!known) return undefined;
      // A mark that cannot be read vouches for nothing: the store is read as it would have been.
      const mark = await storage.getItem<string>(MARK_KEY).catch(() => null);
      // Forgotten while the mark was read: a section of another kind has begun.
      return mark === known.mark && kept === known ? known.value : undefined;
    },
    forget() {
      kept = undefined;
    },
  };
}
