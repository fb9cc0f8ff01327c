import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { z } from 'zod/mini';
import { storage } from '#imports';
import type { Account } from '@/lib/state';
import { accountsCheck, exact, listOf, readValidated } from '@/lib/storage/guard';
import { accountsItem } from '@/lib/storage/items';
import { accountSchema } from '@/lib/storage/schemas';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { migrateHistory } from '@/lib/storage/writers/history';
import { clearQuarantine, readQuarantine } from '@/lib/storage/writers/quarantine';
import { readSecrets } from '@/lib/storage/writers/secrets';
import { readSettings } from '@/lib/storage/writers/settings';
import { readSnapshots } from '@/lib/storage/writers/snapshots';
import v1Dump from '../fixtures/storage-v1.json';
import { freshHistoryDb, storedHistory } from '../support/history-db';

/** An hour after the v1 dump's last reading. */
const AFTER_DUMP = 1_763_712_000_000 + 60 * 60_000;

/** A fresh copy each time, so no test sees another's edits. */
function v1(): typeof v1Dump {
  return structuredClone(v1Dump);
}

/** What chrome.storage.local.get(null) returned from a version-1 install, loaded back. */
async function loadDump(dump: Record<string, unknown>): Promise<void> {
  await fakeBrowser.storage.local.set(dump);
}

function entry<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`fixture has no entry ${index}`);
  return value;
}

async function stored(key: string): Promise<unknown> {
  return (await fakeBrowser.storage.local.get(key))[key];
}

async function storedQuarantine(): Promise<{ key: string; path: string; raw: unknown }[]> {
  return ((await stored('quarantine')) ?? []) as { key: string; path: string; raw: unknown }[];
}

beforeEach(() => {
  fakeBrowser.reset();
  freshHistoryDb();
});

describe('reading a version-1 store', () => {
  it('reads every item of the v1 dump as it was stored, setting nothing aside', async () => {
    const dump = v1();
    await loadDump(dump);

    expect(await readAccounts()).toEqual(dump.accounts);
    expect(await readSecrets()).toEqual(dump.secrets);
    // Settings added since version 1 read as their defaults.
    expect(await readSettings()).toEqual({
      ...dump.settings,
      runOutLeadHours: 24,
      digestTime: null,
    });
    expect(await readSnapshots()).toEqual(dump.snapshots);
    // History moves into IndexedDB as it was, and leaves storage.local.
    expect(await migrateHistory(AFTER_DUMP)).toEqual({ ok: true });
    expect(await storedHistory()).toEqual(dump.history);
    expect(await stored('history')).toBeUndefined();
    expect(await accountsItem.getMeta()).toEqual({ v: 1 });
    expect(await readQuarantine()).toEqual([]);
    expect(await stored('quarantine')).toBeUndefined();
  });

  it('gives the defaults on a fresh install without reporting damage', async () => {
    expect(await readAccounts()).toEqual([]);
    expect(await readSettings()).toMatchObject({ refreshMinutes: 15, badge: 'low-count' });
    expect(await readQuarantine()).toEqual([]);
  });
});

describe('a damaged value', () => {
  it('is set aside whole when it is not even the right kind of value, and the item reset', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await loadDump({ accounts: 'not a list', accounts$: { v: 1 } });

    expect(await readAccounts()).toEqual([]);
    expect(await stored('accounts')).toEqual([]);
    const [entry, ...others] = await storedQuarantine();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ key: 'local:accounts', path: '', raw: 'not a list' });
    expect(console.warn).toHaveBeenCalledOnce();
  });

  it('loses only the bad account of a list, which is kept in quarantine', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dump = v1();
    const broken = { ...dump.accounts[1], provider: 'paypal' };
    await loadDump({ ...dump, accounts: [dump.accounts[0], broken, ...dump.accounts.slice(2)] });

    const accounts = await readAccounts();

    expect(accounts.map((account) => account.name)).toEqual([
      'Ads wallet',
      'Loyalty points (IN)',
      'Wellness credits',
    ]);
    expect(await stored('accounts')).toEqual(accounts);
    expect(await storedQuarantine()).toEqual([
      expect.objectContaining({ key: 'local:accounts', path: '[1]', raw: broken }),
    ]);
    const [notice] = await readQuarantine();
    expect(notice?.issues.join()).toContain('provider');
  });

  it('sets aside a second account with the same id', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dump = v1();
    const first = entry(dump.accounts, 0);
    const twin = { ...first, name: 'Ads wallet (copy)' };
    await loadDump({ ...dump, accounts: [...dump.accounts, twin] });

    const accounts = await readAccounts();

    expect(accounts).toHaveLength(4);
    expect(accounts.filter((account) => account.id === first.id)).toEqual([first]);
    expect(await storedQuarantine()).toEqual([expect.objectContaining({ path: '[4]', raw: twin })]);
  });

  it('sets aside one account’s broken credentials and never logs a secret', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dump = v1();
    const secrets = { ...dump.secrets, 'acc-7f3a9c1e': 'os_live_3f9a1c7e5b2d4a6f8e0c' };
    await loadDump({ ...dump, secrets });

    const read = await readSecrets();

    expect(Object.keys(read).sort()).toEqual(['acc-2b81d044', 'acc-51d6ab20', 'acc-c90e1f57']);
    expect(await storedQuarantine()).toEqual([
      expect.objectContaining({
        key: 'local:secrets',
        path: '["acc-7f3a9c1e"]',
        raw: 'os_live_3f9a1c7e5b2d4a6f8e0c',
      }),
    ]);
    expect(warn).toHaveBeenCalledOnce();
    expect(JSON.stringify(warn.mock.calls)).not.toContain('os_live_3f9a1c7e5b2d4a6f8e0c');
    // The page-facing list of damage does not carry the raw value either.
    expect(JSON.stringify(await readQuarantine())).not.toContain('os_live');
  });

  it('repairs only the bad setting and keeps the user’s other choices', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dump = v1();
    await loadDump({
      ...dump,
      settings: { ...dump.settings, refreshMinutes: 7, notifications: false },
    });

    expect(await readSettings()).toEqual({
      refreshMinutes: 15,
      badge: 'low-count',
      notifications: false,
      defaultLowThreshold: '1000',
      runOutLeadHours: 24,
      digestTime: null,
    });
    expect(await storedQuarantine()).toEqual([
      expect.objectContaining({ key: 'local:settings', path: '.refreshMinutes', raw: 7 }),
    ]);
  });

  it('keeps the good snapshots and history points around a bad one', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dump = v1();
    const badSnapshot = { ...dump.snapshots['acc-c90e1f57'], failures: 'three' };
    const series = dump.history['acc-7f3a9c1e'];
    const badPoint = { t: series[2]?.t, v: '4O0' };
    await loadDump({
      ...dump,
      snapshots: { ...dump.snapshots, 'acc-c90e1f57': badSnapshot },
      history: {
        ...dump.history,
        'acc-7f3a9c1e': [...series.slice(0, 2), badPoint, ...series.slice(3)],
      },
    });

    const snapshots = await readSnapshots();
    await migrateHistory(AFTER_DUMP);
    const history = await storedHistory();

    expect(Object.keys(snapshots).sort()).toEqual(['acc-2b81d044', 'acc-51d6ab20', 'acc-7f3a9c1e']);
    expect(history['acc-7f3a9c1e']).toEqual([...series.slice(0, 2), ...series.slice(3)]);
    expect(history['acc-2b81d044']).toEqual(dump.history['acc-2b81d044']);
    expect(await storedQuarantine()).toEqual([
      expect.objectContaining({ key: 'local:snapshots', path: '["acc-c90e1f57"]' }),
      expect.objectContaining({ key: 'local:history', path: '["acc-7f3a9c1e"][2]', raw: badPoint }),
    ]);
  });

  it('is reported once: the repaired value reads clean the next time', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await loadDump({ settings: { refreshMinutes: 15, badge: 'loud' } });

    await readSettings();
    await readSettings();

    // A missing setting is one added after the value was stored: it takes its default quietly.
    expect((await readQuarantine()).map((notice) => notice.path)).toEqual(['.badge']);
    expect(console.warn).toHaveBeenCalledOnce();
  });

  it('can be dismissed from the options page', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await loadDump({ history: [] });
    await migrateHistory(AFTER_DUMP);
    expect(await readQuarantine()).toHaveLength(1);

    await clearQuarantine();

    expect(await readQuarantine()).toEqual([]);
  });
});

describe('reads never throw', () => {
  it('falls back to the default when storage itself fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await loadDump(v1());
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('quota backend gone'));

    await expect(readAccounts()).resolves.toEqual([]);
    expect(console.error).toHaveBeenCalled();
  });

  it('still returns the repaired value when the repair cannot be written', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const dump = v1();
    await loadDump({ ...dump, accounts: [...dump.accounts, 42] });
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('quota exceeded'));

    await expect(readAccounts()).resolves.toEqual(dump.accounts);
  });
});

describe('migrating the v1 store', () => {
  interface AccountV2 extends Account {
    /** A field a future version might add: the position in the popup's list. */
    sortOrder: number;
  }

  it('runs a version-2 migration over the v1 accounts and records the new version', async () => {
    const dump = v1();
    await loadDump(dump);

    // Defined after the dump is in place, as the background would be on the update's first start.
    const accountsV2 = storage.defineItem<AccountV2[]>('local:accounts', {
      fallback: [],
      version: 2,
      migrations: {
        2: (accounts: Account[]): AccountV2[] =>
          accounts.map((account, index) => ({ ...account, sortOrder: index })),
      },
    });
    const accountV2Schema = z.extend(accountSchema, { sortOrder: accountSchema.shape.createdAt });

    const accounts = await readValidated(accountsV2, listOf(exact(accountV2Schema)));

    expect(accounts).toEqual(
      dump.accounts.map((account, index) => ({ ...account, sortOrder: index })),
    );
    expect(await accountsV2.getMeta()).toEqual({ v: 2 });
    expect(await stored('accounts$')).toEqual({ v: 2 });
    expect(await readQuarantine()).toEqual([]);
    // Other items were left alone.
    expect(await stored('secrets')).toEqual(dump.secrets);
  });

  it('leaves a store already at version 2 as it is', async () => {
    const dump = v1();
    const current = dump.accounts.map((account, index) => ({ ...account, sortOrder: index * 10 }));
    await loadDump({ ...dump, accounts: current, accounts$: { v: 2 } });
    const migrate = vi.fn((accounts: Account[]) => accounts.map((a) => ({ ...a, sortOrder: -1 })));

    const accountsV2 = storage.defineItem<AccountV2[]>('local:accounts', {
      fallback: [],
      version: 2,
      migrations: { 2: migrate },
    });

    expect(await accountsV2.getValue()).toEqual(current);
    expect(migrate).not.toHaveBeenCalled();
  });

  it('keeps checking v1 data with the current schema', () => {
    const result = accountsCheck(v1().accounts, '');
    expect(result.rejected).toEqual([]);
    expect(result.value).toHaveLength(4);
  });
});
