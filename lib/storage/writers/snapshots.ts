import type { Snapshot, Snapshots } from '@/lib/state';
import { snapshotsCheck } from '@/lib/storage/guard';
import { STORE } from '@/lib/storage/keys';
import { checkedStore } from '@/lib/storage/locked-store';
import { changedItems, snapshotsItem } from '@/lib/storage/snapshot-item';
import { createSnapshotMemory } from '@/lib/storage/snapshot-memory';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { writeWithSummary } from '@/lib/storage/writers/popup-summary';

/**
 * The one writer of the snapshots (one `local:snapshot:<id>` key per account). Rounds, commands
 * and token renewals all change them; going through one lock means none of them drops another's
 * change. A change writes only the accounts whose snapshot it replaced, and the popup summary
 * derived from the result (lib/storage/writers/popup-summary.ts), in one storage.set, with a
 * mark that lets the next change skip reading the store (lib/storage/snapshot-memory.ts).
 */
const memory = createSnapshotMemory();

const snapshots = checkedStore(
  snapshotsItem,
  snapshotsCheck,
  async (before, next) => {
    const items = changedItems(before, next);
    if (items.length === 0) return;
    const mark = memory.nextMark();
    await writeWithSummary([...items, { key: STORE.snapshots.mark, value: mark }], next);
    memory.keep(next, mark);
  },
  memory,
);

export const readSnapshots = snapshots.read;
export const updateSnapshots = snapshots.update;
/** For writes across stores: lib/storage/writers/account-removal.ts. */
export const lockSnapshots = snapshots.locked;

/**
 * A round's snapshot over the stored one. The round built its snapshot from what it read at the
 * start, but the token expiry belongs to whoever last changed the credentials (a save, or a
 * renewal inside this very round), and the snooze to the user (a snooze or unsnooze while the
 * round ran), so the stored values win for those fields.
 */
function mergeRoundSnapshot(round: Snapshot, stored: Snapshot | undefined): Snapshot {
  const merged = { ...round, tokenExpiresAt: stored?.tokenExpiresAt ?? null };
  return round.snooze || stored?.snooze ? { ...merged, snooze: stored?.snooze ?? null } : merged;
}

/**
 * Merges results into the stored snapshots, dropping accounts deleted while the round ran. The
 * account list is read inside the lock: a delete removes the account before its snapshot, so a
 * result written after that removal cannot see the account as live and bring it back.
 */
function writeResults(
  results: ReadonlyMap<string, Snapshot>,
  finish?: (merged: Snapshots) => Snapshots | Promise<Snapshots>,
): Promise<Snapshots> {
  return updateSnapshots(async (stored) => {
    const liveIds = new Set((await readAccounts()).map((account) => account.id));
    const merged = { ...stored };
    for (const [id, snapshot] of results) {
      if (liveIds.has(id)) merged[id] = mergeRoundSnapshot(snapshot, stored[id]);
    }
    return finish ? finish(merged) : merged;
  });
}

function logWriteError(error: unknown): void {
  console.error('[balance-watch] could not write snapshots', error);
}

export interface SnapshotBatch {
  add(id: string, snapshot: Snapshot): void;
  /**
   * The last write of the round; `finish` sees every account's latest snapshot (inside the lock,
   * so every other snapshot write waits for it: the round has its trends ready before it closes).
   */
  close(finish: (merged: Snapshots) => Snapshots | Promise<Snapshots>): Promise<Snapshots>;
}

/** Results that are written at once, without waiting for the window to end. */
const WRITE_AT_PENDING = 100;

/**
 * Collects per-account results and writes them together: at most once per `windowMs` while
 * results come in (so the popup sees progress), and once at the end. A window's write happens
 * when it ends, or as soon as WRITE_AT_PENDING results wait: a fast round of many accounts then
 * writes half of them while the rest are still being read, not all of them after.
 */
export function createSnapshotBatch(windowMs: number): SnapshotBatch {
  const pending = new Map<string, Snapshot>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<unknown> = Promise.resolve();
  let lastWriteAt = Number.NEGATIVE_INFINITY;

  function flush(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    lastWriteAt = Date.now();
    if (pending.size === 0) return;
    const batch = new Map(pending);
    pending.clear();
    writing = writing.then(() => writeResults(batch)).catch(logWriteError);
  }

  return {
    add(id, snapshot) {
      pending.set(id, snapshot);
      if (pending.size >= WRITE_AT_PENDING && Date.now() - lastWriteAt >= windowMs) flush();
      else timer ??= setTimeout(flush, windowMs);
    },
    async close(finish) {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await writing;
      const rest = new Map(pending);
      pending.clear();
      return writeResults(rest, finish);
    },
  };
}
