import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AccountDraft } from '@/lib/messages';
import { emptySnapshot } from '@/lib/state';
import { legacyHistoryItem, quarantineItem, snapshotsItem } from '@/lib/storage/items';
import { commandSetup, START, storeAccounts } from '../engine/support';
import { account } from '../support/accounts';

/**
 * A write the browser refuses (storage.local.set rejects: quota, a damaged profile) fails the
 * command that asked for it with a sentence the options page shows as it is, and changes nothing
 * else: a change that spans stores lands whole or not at all.
 */

const REFUSED =
  'The browser did not save this change (QUOTA_BYTES quota exceeded), so nothing was changed. Try again; if it keeps failing, the browser’s storage may be full or damaged.';

/** Every storage.local.set that writes `key` rejects, as when the quota is reached. */
function refuseWritesOf(key: string): void {
  const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
    if (key in items) throw new Error('QUOTA_BYTES quota exceeded');
    return set(items);
  });
}

/** Every store's value; WXT's version marks ("settings$": a store's first write adds one) aside. */
async function everything(): Promise<Record<string, unknown>> {
  const stored = await fakeBrowser.storage.local.get(null);
  return Object.fromEntries(Object.entries(stored).filter(([key]) => !key.endsWith('$')));
}

const WALLET = account({ id: 'os-1', createdAt: START });

function walletDraft(overrides: Partial<AccountDraft> = {}): AccountDraft {
  const { id, createdAt: _created, ...fields } = WALLET;
  return { ...fields, id, credentials: { token: 'FAKE-os-token-new' }, ...overrides };
}

/**
 * A watched wallet with a snapshot, history and a set-aside value, so every store has content.
 * History is still in local:history: moved into IndexedDB, which this file does not give the
 * background, it would be in no storage.local write.
 */
async function setUp() {
  await storeAccounts([{ account: WALLET, credentials: { token: 'FAKE-os-token' } }]);
  await snapshotsItem.setValue({ 'os-1': { ...emptySnapshot(), readingAt: START } });
  await legacyHistoryItem.setValue({ 'os-1': [{ t: START, v: '5000' }] });
  await quarantineItem.setValue([
    { key: 'local:settings', path: '.badge', at: START, issues: ['badge: bad'], raw: 'loud' },
  ]);
  const { handlers, refresher } = commandSetup(() => START);
  vi.spyOn(refresher, 'refresh').mockResolvedValue({ attempted: [], succeeded: [], failed: [] });
  return handlers;
}

type Handlers = Awaited<ReturnType<typeof setUp>>;

const cases: [store: string, command: string, run: (handlers: Handlers) => Promise<unknown>][] = [
  ['accounts', 'setAccountEnabled', (h) => h.setAccountEnabled({ id: 'os-1', enabled: false })],
  ['accounts', 'saveAccount', (h) => h.saveAccount(walletDraft({ name: 'Renamed' }))],
  ['secrets', 'saveAccount', (h) => h.saveAccount(walletDraft())],
  ['settings', 'saveSettings', (h) => h.saveSettings({ refreshMinutes: 60 })],
  // The snapshots are kept one key per account.
  ['snapshot:os-1', 'deleteAccount', (h) => h.deleteAccount({ id: 'os-1' })],
  ['history', 'deleteAccount', (h) => h.deleteAccount({ id: 'os-1' })],
  ['quarantine', 'dismissQuarantine', (h) => h.dismissQuarantine(undefined)],
];

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('a write the browser refuses', () => {
  it.each(cases)('to %s fails %s with a sentence and changes nothing', async (store, _, run) => {
    const handlers = await setUp();
    const before = await everything();
    refuseWritesOf(store);

    await expect(run(handlers)).rejects.toThrow(REFUSED);

    expect(await everything()).toEqual(before);
  });
});
