import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRefresher } from '@/lib/engine/refresh';
import { createHttp } from '@/lib/providers/http';
import { emptySnapshot, type Snapshot } from '@/lib/state';
import { accountsItem, snapshotsItem } from '@/lib/storage/items';
import { removeAccount } from '@/lib/storage/writers/account-removal';
import {
  createSnapshotBatch,
  readSnapshots,
  updateSnapshots,
} from '@/lib/storage/writers/snapshots';
import {
  START,
  simulators,
  storeAccounts,
  testRefresherDeps,
  simWallet as wallet,
  walletAccount,
} from '../engine/support';
import { account } from '../support/accounts';
import { freshHistoryDb } from '../support/history-db';

/**
 * The snapshots are kept one key per account (`local:snapshot:<id>`), so what a round writes
 * follows the accounts it refreshed, not everything stored; the one-object layout of earlier
 * versions (`local:snapshots`) moves over once.
 */

const sims = simulators();

beforeEach(() => {
  fakeBrowser.reset();
  freshHistoryDb();
});

const read = (at: number): Snapshot => ({ ...emptySnapshot(), readingAt: at, lastAttemptAt: at });

/** Every storage.local.set from now on: its keys and the bytes of JSON it handed over. */
function recordSets() {
  const sets: { keys: string[]; bytes: number }[] = [];
  const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
    sets.push({ keys: Object.keys(items), bytes: JSON.stringify(items).length });
    return set(items);
  });
  return sets;
}

describe('snapshots, one key per account', () => {
  it('a change writes only the accounts it changed', async () => {
    await accountsItem.setValue(['a1', 'a2', 'a3'].map((id) => account({ id })));
    await updateSnapshots(() => ({ a1: read(1), a2: read(1), a3: read(1) }));
    const sets = recordSets();

    await updateSnapshots((snapshots) => ({ ...snapshots, a2: read(2) }));

    // With the writer's mark and the popup summary derived from the result, in the same write.
    expect(sets.map((s) => s.keys)).toEqual([['snapshot:a2', 'snapshotsMark', 'popupSummary']]);
    expect((await readSnapshots()).a2?.readingAt).toBe(2);
    expect((await readSnapshots()).a1?.readingAt).toBe(1);
  });

  it('a round of 10 accounts writes the same bytes with 500 stored as with 50', async () => {
    const sim = await sims.start({
      data: { accounts: Array.from({ length: 500 }, (_, i) => wallet(i + 1)) },
      now: () => START,
    });
    const snapshotBytes = async (stored: number) => {
      fakeBrowser.reset();
      const ids = Array.from({ length: stored }, (_, i) => i + 1);
      await storeAccounts(
        ids.map((n) => ({
          account: walletAccount(sim, n),
          credentials: { token: `FAKE-os-token-${n}` },
        })),
      );
      await updateSnapshots(() => Object.fromEntries(ids.map((n) => [`os-${n}`, read(START)])));
      const sets = recordSets();
      const deps = testRefresherDeps(() => START, { createHttp: () => createHttp({ retries: 0 }) });
      const refreshed = ids.slice(0, 10).map((n) => `os-${n}`);
      const result = await createRefresher(deps).refresh({ accountIds: refreshed, force: true });
      expect(result.succeeded).toHaveLength(10);
      vi.restoreAllMocks();
      const snapshotSets = sets.filter((s) => s.keys.some((key) => key.startsWith('snapshot:')));
      expect(snapshotSets.flatMap((s) => s.keys).sort()).toEqual(
        // With the writer's mark and the popup summary derived from the result, in one write.
        ['popupSummary', 'snapshotsMark', ...refreshed.map((id) => `snapshot:${id}`)].sort(),
      );
      return snapshotSets.reduce((sum, s) => sum + s.bytes, 0);
    };

    const few = await snapshotBytes(50);
    const many = await snapshotBytes(500);

    expect(few).toBeGreaterThan(0);
    // The same ten snapshots: only the digits of the time they were read may differ.
    expect(Math.abs(many - few)).toBeLessThan(few * 0.05);
  });

  it('a round of many writes the first 100 results while the rest are read, once a window', async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `a${i + 1}`);
    await accountsItem.setValue(ids.map((id) => account({ id })));
    const sets = recordSets();
    const batch = createSnapshotBatch(60_000);

    for (const id of ids) batch.add(id, read(1));
    await batch.close((merged) => merged);

    const snapshotKeys = sets.map((s) => s.keys.filter((key) => key.startsWith('snapshot:')));
    // The window's one write at 100 waiting, none more before it ends, then the rest at the end.
    expect(snapshotKeys.map((keys) => keys.length)).toEqual([100, 150]);
    expect(Object.keys(await readSnapshots())).toHaveLength(250);
  });

  it('moves the one-object layout of earlier versions over once, keeping newer keys', async () => {
    await accountsItem.setValue(['a1', 'a2'].map((id) => account({ id })));
    await fakeBrowser.storage.local.set({
      snapshots: { a1: read(1), a2: read(1) },
      snapshots$: { v: 1 },
      // Written by this version before the move finished once (a worker stopped half-way).
      'snapshot:a2': read(5),
    });

    const snapshots = await readSnapshots();

    expect(snapshots).toEqual({ a1: read(1), a2: read(5) });
    const stored = await fakeBrowser.storage.local.get(null);
    expect(stored).not.toHaveProperty('snapshots');
    expect(stored).not.toHaveProperty('snapshots$');
    expect(stored['snapshot:a1']).toEqual(read(1));
  });

  it('a delete clears its snapshot in the same write as the account, then removes the key', async () => {
    await accountsItem.setValue(['a1', 'a2'].map((id) => account({ id })));
    await updateSnapshots(() => ({ a1: read(1), a2: read(1) }));
    const sets = recordSets();

    await removeAccount('a1');

    const deleteWrite = sets.find((s) => s.keys.includes('accounts'));
    expect(deleteWrite?.keys).toContain('snapshot:a1');
    const stored = await fakeBrowser.storage.local.get(null);
    expect(stored).not.toHaveProperty('snapshot:a1');
    expect(stored['snapshot:a2']).toEqual(read(1));
    expect(await readSnapshots()).toEqual({ a2: read(1) });
  });
});

/** storage.local.get calls from now on that read snapshot keys. */
function recordSnapshotReads() {
  const reads: string[][] = [];
  const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (keys) => {
    const asked = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : [];
    const snapshotKeys = asked.filter((key) => key.startsWith('snapshot:'));
    if (snapshotKeys.length > 0) reads.push(snapshotKeys);
    return get(keys as string[]);
  });
  return reads;
}

describe("the writer's memory of the snapshots", () => {
  beforeEach(async () => {
    await accountsItem.setValue(['a1', 'a2', 'a3'].map((id) => account({ id })));
    await updateSnapshots(() => ({ a1: read(1), a2: read(1), a3: read(1) }));
  });

  it('a change or a read after its own write does not read every account again', async () => {
    const reads = recordSnapshotReads();

    await updateSnapshots((snapshots) => ({ ...snapshots, a2: read(2) }));
    await updateSnapshots((snapshots) => ({ ...snapshots, a3: read(3) }));
    const seen = await readSnapshots();

    expect(reads).toEqual([]);
    expect(seen).toEqual({ a1: read(1), a2: read(2), a3: read(3) });
  });

  it('a change sees what was written another way: a repair or seed, a delete, a cleared store', async () => {
    // Another write of the keys (what a repair does): the next change starts from it.
    await snapshotsItem.setValue({ a1: read(7), a2: read(1), a3: read(1) });
    expect((await readSnapshots()).a1?.readingAt).toBe(7);
    let seen = await updateSnapshots((snapshots) => ({ ...snapshots, a2: read(2) }));
    expect(seen.a1?.readingAt).toBe(7);

    // A delete: the deleted account's snapshot does not come back with the next change.
    await removeAccount('a3');
    seen = await updateSnapshots((snapshots) => ({ ...snapshots, a1: read(8) }));
    expect(seen).toEqual({ a1: read(8), a2: read(2) });
    expect(await fakeBrowser.storage.local.get(null)).not.toHaveProperty('snapshot:a3');

    // Everything cleared (a new profile, a reset): the change reads what is there.
    await fakeBrowser.storage.local.clear();
    await accountsItem.setValue([account({ id: 'a1' })]);
    seen = await updateSnapshots((snapshots) => snapshots);
    expect(seen).toEqual({});
  });

  it('a mark that cannot be read means a read of the store, not a failed read', async () => {
    const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (keys) => {
      const asked = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : [];
      if (asked.includes('snapshotsMark')) throw new Error('IO error: damaged profile');
      return get(keys as string[]);
    });

    expect(await readSnapshots()).toEqual({ a1: read(1), a2: read(1), a3: read(1) });
    const seen = await updateSnapshots((snapshots) => ({ ...snapshots, a2: read(2) }));
    expect(seen.a2?.readingAt).toBe(2);
  });

  it('a refused write is not remembered: the next change reads the store', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES'));
    await expect(updateSnapshots((snapshots) => ({ ...snapshots, a2: read(9) }))).rejects.toThrow();
    vi.restoreAllMocks();
    const reads = recordSnapshotReads();

    const seen = await updateSnapshots((snapshots) => snapshots);

    expect(reads.length).toBeGreaterThan(0);
    expect(seen.a2?.readingAt).toBe(1);
  });
});
