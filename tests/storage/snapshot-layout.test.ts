import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRefresher } from '@/lib/engine/refresh';
import { createHttp } from '@/lib/providers/http';
import { emptySnapshot, type Snapshot } from '@/lib/state';
import { accountsItem } from '@/lib/storage/items';
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

    // With the popup summary derived from the result, in the same write.
    expect(sets.map((s) => s.keys)).toEqual([['snapshot:a2', 'popupSummary']]);
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
        // With the popup summary derived from the result, in the same write.
        ['popupSummary', ...refreshed.map((id) => `snapshot:${id}`)].sort(),
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
