import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSessionTokenCache } from '@/lib/engine/token-cache';
import { DEFAULT_SETTINGS, emptySnapshot } from '@/lib/state';
import {
  accountsItem,
  destinationsItem,
  destinationUrlsItem,
  engineStatusItem,
  quarantineItem,
  roundLeaseItem,
  secretsItem,
  settingsItem,
  snapshotsItem,
  tokenCacheItem,
} from '@/lib/storage/items';
import { STORE } from '@/lib/storage/keys';
import { readAccounts, updateAccounts } from '@/lib/storage/writers/accounts';
import { lockConfiguration } from '@/lib/storage/writers/configuration';
import { updateDestination, updateDestinations } from '@/lib/storage/writers/destinations';
import { updateEngineStatus } from '@/lib/storage/writers/engine-status';
import { appendHistory, migrateHistory } from '@/lib/storage/writers/history';
import { forgetQuarantined } from '@/lib/storage/writers/quarantine';
import { claimLease, releaseLease, renewLease } from '@/lib/storage/writers/round-lease';
import { lockSecrets, updateSecrets } from '@/lib/storage/writers/secrets';
import { readSettings, updateSettings } from '@/lib/storage/writers/settings';
import { createSnapshotBatch, updateSnapshots } from '@/lib/storage/writers/snapshots';
import { account } from '../support/accounts';
import { freshHistoryDb, storedHistory } from '../support/history-db';

/**
 * Each store has one writer with one lock. Two changes started together both read the store
 * before either writes it unless the lock keeps them apart, so without it the second write drops
 * the first change: each case here starts two at once and checks that both landed.
 */

beforeEach(() => {
  fakeBrowser.reset();
  freshHistoryDb();
});

/**
 * Makes the first read of `key` slow, so that without a lock a second change started meanwhile
 * would read and write inside the first one's read-modify-write.
 */
function slowFirstRead(area: 'local' | 'session', key: string): void {
  const storageArea = fakeBrowser.storage[area];
  const get = storageArea.get.bind(storageArea);
  let slow = true;
  vi.spyOn(storageArea, 'get').mockImplementation(async (keys) => {
    const result = await get(keys);
    if (slow && keys === key) {
      slow = false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return result;
  });
}

describe('two changes at once both land', () => {
  it('accounts', async () => {
    await Promise.all([
      updateAccounts((accounts) => [...accounts, account({ id: 'a1' })]),
      updateAccounts((accounts) => [...accounts, account({ id: 'a2' })]),
    ]);

    expect((await accountsItem.getValue()).map((a) => a.id).sort()).toEqual(['a1', 'a2']);
  });

  it('secrets: a save beside a renewal storing its tokens', async () => {
    await secretsItem.setValue({ a1: { token: 'old' } });

    await Promise.all([
      updateSecrets((secrets) => ({ ...secrets, a2: { token: 'typed' } })),
      lockSecrets((secrets, write) => write({ ...secrets, a1: { token: 'renewed' } })),
    ]);

    expect(await secretsItem.getValue()).toEqual({
      a1: { token: 'renewed' },
      a2: { token: 'typed' },
    });
  });

  it('settings', async () => {
    await Promise.all([
      updateSettings((settings) => ({ ...settings, refreshMinutes: 60 })),
      updateSettings((settings) => ({ ...settings, badge: 'off' })),
    ]);

    expect(await settingsItem.getValue()).toEqual({
      ...DEFAULT_SETTINGS,
      refreshMinutes: 60,
      badge: 'off',
    });
  });

  it('snapshots: a round’s batch beside a token expiry recorded by a save', async () => {
    await accountsItem.setValue([account({ id: 'a1' }), account({ id: 'a2' })]);
    const batch = createSnapshotBatch(60_000);
    batch.add('a1', { ...emptySnapshot(), failures: 2 });

    await Promise.all([
      batch.close((merged) => merged),
      updateSnapshots((snapshots) => ({
        ...snapshots,
        a2: { ...emptySnapshot(), tokenExpiresAt: 1_000 },
      })),
    ]);

    const stored = await snapshotsItem.getValue();
    expect(stored.a1?.failures).toBe(2);
    expect(stored.a2?.tokenExpiresAt).toBe(1_000);
  });

  it('history', async () => {
    await accountsItem.setValue([account({ id: 'a1' }), account({ id: 'a2' })]);
    await Promise.all([
      appendHistory([{ accountId: 'a1', unit: 'USD', t: 1, v: '10' }], 10),
      appendHistory([{ accountId: 'a2', unit: 'USD', t: 2, v: '20' }], 10),
    ]);

    expect(await storedHistory()).toEqual({
      a1: [{ t: 1, v: '10' }],
      a2: [{ t: 2, v: '20' }],
    });
  });

  it('destinations: a save beside a delivery recording its outcome', async () => {
    const channel = (id: string) => ({
      id,
      name: id,
      type: 'generic' as const,
      events: ['low' as const],
      enabled: true,
      urlHint: '',
      lastOkAt: null,
      failures: 0,
      lastError: null,
      disabledReason: null,
    });
    await destinationsItem.setValue([channel('d1')]);
    await destinationUrlsItem.setValue({ d1: 'https://example.com/1' });

    await Promise.all([
      updateDestinations(({ destinations, urls }) => ({
        next: {
          destinations: [...destinations, channel('d2')],
          urls: { ...urls, d2: 'https://example.com/2' },
        },
        result: null,
      })),
      updateDestination('d1', (d) => ({ ...d, lastOkAt: 5 })),
    ]);

    expect(await destinationsItem.getValue()).toEqual([
      { ...channel('d1'), lastOkAt: 5 },
      channel('d2'),
    ]);
    expect(await destinationUrlsItem.getValue()).toEqual({
      d1: 'https://example.com/1',
      d2: 'https://example.com/2',
    });
  });

  it('engine status: going offline while a round starts', async () => {
    await Promise.all([
      updateEngineStatus((status) => ({ ...status, online: false })),
      updateEngineStatus((status) => ({ ...status, roundRunning: true })),
    ]);

    expect(await engineStatusItem.getValue()).toEqual({
      ...STORE.engineStatus.fallback,
      online: false,
      roundRunning: true,
    });
  });

  it('token cache: two accounts of one round storing their tokens', async () => {
    const cache = createSessionTokenCache(() => 0);

    await Promise.all([
      cache.set('cap-1', { token: 'FAKE-1', expiresAt: 10 }),
      cache.set('cap-2', { token: 'FAKE-2', expiresAt: 20 }),
    ]);

    expect(await tokenCacheItem.getValue()).toEqual({
      'cap-1': { token: 'FAKE-1', expiresAt: 10 },
      'cap-2': { token: 'FAKE-2', expiresAt: 20 },
    });
  });

  it('quarantine: two stores found damaged by reads at once', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.local.set({ accounts: 'not a list', history: [] });
    slowFirstRead('local', 'quarantine');

    await Promise.all([readAccounts(), migrateHistory(0)]);

    expect((await quarantineItem.getValue()).map((entry) => entry.key).sort()).toEqual([
      'local:accounts',
      'local:history',
    ]);
  });

  it('quarantine: a deleted account’s entries go while another is set aside', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await quarantineItem.setValue([
      {
        key: 'local:secrets',
        path: '["a1"]',
        at: 1,
        issues: ['(value): expected an object'],
        raw: 7,
      },
    ]);
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, badge: 'loud' } });
    slowFirstRead('local', 'quarantine');

    await Promise.all([forgetQuarantined('a1'), readSettings()]);

    expect((await quarantineItem.getValue()).map((entry) => entry.path)).toEqual(['.badge']);
  });

  it('accounts, secrets and settings: an import beside a save and a settings change', async () => {
    await Promise.all([
      lockConfiguration(async (current, save) => {
        await save({
          accounts: [...current.accounts, account({ id: 'imported' })],
          secrets: { ...current.secrets, imported: { token: 'FAKE-i' } },
          settings: { ...current.settings, notifications: false },
        });
      }),
      lockConfiguration(async (current, save) => {
        await save({ secrets: { ...current.secrets, saved: { token: 'FAKE-s' } } });
        await save({ accounts: [...current.accounts, account({ id: 'saved' })] });
      }),
      updateSettings((settings) => ({ ...settings, refreshMinutes: 60 })),
    ]);

    expect((await accountsItem.getValue()).map((a) => a.id).sort()).toEqual(['imported', 'saved']);
    expect(Object.keys(await secretsItem.getValue()).sort()).toEqual(['imported', 'saved']);
    expect(await settingsItem.getValue()).toMatchObject({
      notifications: false,
      refreshMinutes: 60,
    });
  });
});

describe('the repair of a damaged store', () => {
  it('does not undo an update that runs beside the read that found the damage', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.local.set({ accounts: [account({ id: 'a1' }), 42] });

    await Promise.all([
      readAccounts(),
      updateAccounts((accounts) => [...accounts, account({ id: 'a2' })]),
    ]);

    expect((await accountsItem.getValue()).map((a) => a.id)).toEqual(['a1', 'a2']);
    // Set aside once, not once by the read and again by the update.
    expect(await quarantineItem.getValue()).toEqual([
      expect.objectContaining({ key: 'local:accounts', path: '[1]', raw: 42 }),
    ]);
  });
});

describe('the round lease', () => {
  it('is not brought back by a heartbeat that overlaps its release', async () => {
    await roundLeaseItem.setValue({ owner: 'w1', expiresAt: 1_000 });
    // The heartbeat's read is slow, so without the lock the release would land inside it.
    slowFirstRead('session', 'roundLease');

    await Promise.all([renewLease('w1', 500, 1_000), releaseLease('w1')]);

    expect(await roundLeaseItem.getValue()).toBeNull();
    expect(await claimLease('w2', 600, 1_000)).toEqual({ acquired: true });
  });
});
