import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { AccountDraft } from '@/lib/messages';
import { FIRST_SCREEN_ROWS, popupSummary } from '@/lib/popup-summary';
import { popupSummaryItem } from '@/lib/storage/items';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { readSettings } from '@/lib/storage/writers/settings';
import { readSnapshots } from '@/lib/storage/writers/snapshots';
import type { Simulator } from '../sim/server';
import { freshHistoryDb } from '../support/history-db';
import { commandSetup, settle, simulators, simWallet } from './support';

/**
 * The popup's first paint reads local:popupSummary alone, so it must never say what the stores do
 * not: after every kind of change the stored summary is exactly what lib/popup-summary.ts derives
 * from the accounts, snapshots and settings as stored, at the summary's own time.
 */

const sims = simulators();

beforeEach(() => {
  fakeBrowser.reset();
  freshHistoryDb();
});

async function expectSummaryOfStores(): Promise<void> {
  const stored = await popupSummaryItem.getValue();
  expect(stored).not.toBeNull();
  if (!stored) return;
  const [accounts, snapshots, settings] = await Promise.all([
    readAccounts(),
    readSnapshots(),
    readSettings(),
  ]);
  expect(stored).toEqual(popupSummary({ accounts, snapshots, settings }, stored.at));
}

function draft(server: Simulator, n: number, overrides: Partial<AccountDraft> = {}): AccountDraft {
  return {
    provider: 'onlinesales',
    name: `Ads wallet ${n}`,
    baseUrl: server.url,
    params: { merchantId: `M-${n}`, merchantType: 'seller', marketplaceClientId: '110600' },
    lowThreshold: n === 1 ? '99999' : null,
    enabled: true,
    credentials: { token: `FAKE-os-token-${n}` },
    ...overrides,
  };
}

describe('the popup summary agrees with the stores', () => {
  it('after a save, a round, a settings change, turning off, a delete and an import', async () => {
    const server = await sims.start({
      data: { accounts: [1, 2, 3].map((n) => simWallet(n, `${n}000`)) },
    });
    const { handlers, refresher } = commandSetup(Date.now);

    // Save: the account, then the round the save starts.
    expect((await handlers.saveAccount(draft(server, 1))).ok).toBe(true);
    await expectSummaryOfStores();
    await settle(refresher);
    await expectSummaryOfStores();
    expect((await handlers.saveAccount(draft(server, 2))).ok).toBe(true);
    await settle(refresher);
    expect((await popupSummaryItem.getValue())?.counts.low).toBe(1);

    // A round of every account.
    await handlers.refreshNow({});
    await settle(refresher);
    await expectSummaryOfStores();

    // Settings: a default threshold makes the other wallet low.
    expect((await handlers.saveSettings({ defaultLowThreshold: '50000' })).ok).toBe(true);
    await expectSummaryOfStores();
    expect((await popupSummaryItem.getValue())?.counts.low).toBe(2);

    // Turned off: no longer a row.
    await handlers.setAccountEnabled({ id: 'acct-2', enabled: false });
    await expectSummaryOfStores();
    expect((await popupSummaryItem.getValue())?.rowCount).toBe(1);

    // Deleted.
    const exported = await handlers.exportSettings({ includeCredentials: true });
    await handlers.deleteAccount({ id: 'acct-1' });
    await expectSummaryOfStores();
    expect((await popupSummaryItem.getValue())?.accountCount).toBe(1);

    // Imported back, with its round.
    const imported = await handlers.importSettings({ text: exported.text });
    expect(imported).toMatchObject({ ok: true, added: 1 });
    await expectSummaryOfStores();
    await settle(refresher);
    await expectSummaryOfStores();
    expect((await popupSummaryItem.getValue())?.accountCount).toBe(2);
  });

  it('holds the first screen of rows only, whatever the number of accounts', async () => {
    const server = await sims.start({
      data: { accounts: Array.from({ length: 40 }, (_, i) => simWallet(i + 1)) },
    });
    const { handlers, refresher } = commandSetup(Date.now);
    for (let n = 1; n <= 40; n += 1) await handlers.saveAccount(draft(server, n));
    await settle(refresher);

    const summary = await popupSummaryItem.getValue();
    expect(summary?.rowCount).toBe(40);
    expect(summary?.accounts).toHaveLength(FIRST_SCREEN_ROWS);
    // The low one first, as the popup lists it.
    expect(summary?.accounts[0]?.name).toBe('Ads wallet 1');
    await expectSummaryOfStores();
  });
});
