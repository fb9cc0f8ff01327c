import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openStoresByKey } from '@/components/shared/stores';
import { type Account, emptySnapshot, type Snapshot, type Snapshots } from '@/lib/state';
import { STORE } from '@/lib/storage/keys';
import { account } from '../../support/accounts';

/**
 * The pages read the snapshots as one record, though they are kept one key per account: the
 * accounts' keys once, then every change to any of them, kept live.
 */

interface Stores {
  accounts: Account[];
  snapshots: Snapshots;
}

const KEYS = { accounts: STORE.accounts, snapshots: STORE.snapshots } as const;

const read = (at: number): Snapshot => ({ ...emptySnapshot(), readingAt: at });

beforeEach(() => {
  fakeBrowser.reset();
});

async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('stores read by key, the snapshots one key per account', () => {
  it('reads the snapshots of the stored accounts, and only those', async () => {
    await fakeBrowser.storage.local.set({
      accounts: [account({ id: 'a1' }), account({ id: 'a2' })],
      'snapshot:a1': read(1),
      'snapshot:gone': read(9),
    });
    const stores = openStoresByKey<Stores>(KEYS);
    expect((await stores.first).snapshots).toEqual({ a1: read(1) });
    stores.close();
  });

  it('follows every change: a new snapshot, a changed one, a deleted one (null)', async () => {
    await fakeBrowser.storage.local.set({
      accounts: [account({ id: 'a1' }), account({ id: 'a2' })],
      'snapshot:a1': read(1),
    });
    const stores = openStoresByKey<Stores>(KEYS);
    const seen: Snapshots[] = [];
    stores.listen((value) => seen.push(value.snapshots));
    await stores.first;

    await fakeBrowser.storage.local.set({ 'snapshot:a2': read(2) });
    await settled();
    expect(stores.current()?.snapshots).toEqual({ a1: read(1), a2: read(2) });
    await fakeBrowser.storage.local.set({ 'snapshot:a1': null, 'snapshot:a2': read(3) });
    await settled();
    expect(stores.current()?.snapshots).toEqual({ a2: read(3) });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    stores.close();
  });

  it('a change seen while the first read is in flight wins over what it read', async () => {
    await fakeBrowser.storage.local.set({
      accounts: [account({ id: 'a1' })],
      'snapshot:a1': read(1),
    });
    const stores = openStoresByKey<Stores>(KEYS);
    await fakeBrowser.storage.local.set({ 'snapshot:a1': read(7) });
    await settled();
    expect((await stores.first).snapshots).toEqual({ a1: read(7) });
    stores.close();
  });
});
