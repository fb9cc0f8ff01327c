import { createMutex } from '@/lib/engine/concurrency';
import type { Account, History, Snapshot, Snapshots } from '@/lib/state';
import { readAccounts, readHistory, readSnapshots } from '@/lib/storage/guard';
import { accountsItem, historyItem, snapshotsItem } from '@/lib/storage/items';

/**
 * The one writer of local:snapshots and local:history in this worker. Rounds, commands and token
 * renewals all change these items; going through one lock per item means none of them drops
 * another's change.
 */

/**
 * A read-modify-write of one item under its own lock. A change that returns its input writes
 * nothing, so a no-op (deleting what is not there) costs no storage event in every open page.
 */
function lockedUpdater<T>(read: () => Promise<T>, write: (value: T) => Promise<void>) {
  const lock = createMutex();
  return (change: (value: T) => T): Promise<T> =>
    lock.lock(async () => {
      const value = await read();
      const next = change(value);
      if (next !== value) await write(next);
      return next;
    });
}

export const updateSnapshots = lockedUpdater<Snapshots>(readSnapshots, (next) =>
  snapshotsItem.setValue(next),
);

export const updateHistory = lockedUpdater<History>(readHistory, (next) =>
  historyItem.setValue(next),
);

/**
 * A round's snapshot over the stored one. The round built its snapshot from what it read at the
 * start, but the token expiry belongs to whoever last changed the credentials (a save, or a
 * renewal inside this very round), so the stored value wins for that field.
 */
function mergeRoundSnapshot(round: Snapshot, stored: Snapshot | undefined): Snapshot {
  return { ...round, tokenExpiresAt: stored?.tokenExpiresAt ?? null };
}

/** Merges results into the stored snapshots, dropping accounts deleted while the round ran. */
async function writeResults(
  results: ReadonlyMap<string, Snapshot>,
  finish?: (merged: Snapshots) => Snapshots,
): Promise<Snapshots> {
  const liveIds = new Set((await readAccounts()).map((account) => account.id));
  return updateSnapshots((stored) => {
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
  /** The last write of the round; `finish` sees every account's latest snapshot. */
  close(finish: (merged: Snapshots) => Snapshots): Promise<Snapshots>;
}

/**
 * Collects per-account results and writes them together: once per `windowMs` while slow
 * accounts trickle in (so the popup sees progress), and once at the end.
 */
export function createSnapshotBatch(windowMs: number): SnapshotBatch {
  const pending = new Map<string, Snapshot>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<unknown> = Promise.resolve();

  function flush(): void {
    timer = undefined;
    if (pending.size === 0) return;
    const batch = new Map(pending);
    pending.clear();
    writing = writing.then(() => writeResults(batch)).catch(logWriteError);
  }

  return {
    add(id, snapshot) {
      pending.set(id, snapshot);
      timer ??= setTimeout(flush, windowMs);
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

const accountsLock = createMutex();

/** Every read-modify-write of local:accounts; `section` runs other writes inside the same lock. */
export function updateAccounts(change: (accounts: Account[]) => Account[]): Promise<Account[]> {
  return accountsLock.lock(async () => {
    const next = change(await readAccounts());
    await accountsItem.setValue(next);
    return next;
  });
}

/** For writes that must land together with local:accounts in one storage.set (import). */
export function lockAccounts<T>(section: () => Promise<T>): Promise<T> {
  return accountsLock.lock(section);
}
