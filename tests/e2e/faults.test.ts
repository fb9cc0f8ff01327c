import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionPage } from '../../scripts/lib/extension-page';
import { readBadge } from '../../scripts/lib/extension-state';
import { importSettingsThroughOptions } from '../../scripts/lib/import-settings';
import { type PopupAccount, readPopup } from '../../scripts/lib/read-popup';
import { loadSimData } from '../sim/data/load';
import type { FaultInput } from '../sim/faults';
import { expectedAccounts, expectedTotals } from './support/expected';
import { type Harness, settingsFileOf, startHarness } from './support/harness';
import { refreshNow, roundFinishedAfter } from './support/popup';

/** One account per fault; the error text the popup shows for it starts with `shows`. */
const FAULTS: { simId: string; fault: FaultInput; shows: RegExp }[] = [
  // Xoxoday's documented 502 body, in the provider's own words and code.
  {
    simId: 'xoxo-inr',
    fault: { type: 'server-error' },
    shows: /^Provider error: Failed to get client's balance \(code PLE10023\)/,
  },
  { simId: 'cap-basic', fault: { type: 'unauthorized' }, shows: /^Sign-in failed: .*401/ },
  { simId: 'wix-gold', fault: { type: 'timeout' }, shows: /^Timed out/ },
  { simId: 'os-usd', fault: { type: 'html' }, shows: /^Unexpected answer: .*not JSON/ },
];
const FAULTED = FAULTS.map(({ simId }) => simId);

/**
 * Demo accounts with every balance above its threshold, so the badge shows what failures do
 * ("!") rather than a low count. One Xoxoday account is enough here.
 */
function healthyData() {
  const raised: Record<string, string> = {
    'cap-oauth': '2000.5',
    'wix-silver': '30',
    'os-inr': '1500',
  };
  const { accounts } = loadSimData();
  return {
    accounts: accounts
      .filter((account) => account.id !== 'xoxo-usd')
      .map((account) => ({ ...account, balance: raised[account.id] ?? account.balance }))
      // The pools of one site share one List Balances call, which a fault fails whole: Silver
      // gets a site of its own so Gold's timeout is Gold's alone.
      .map((account) =>
        account.id === 'wix-silver' && account.provider === 'wix'
          ? { ...account, siteId: '0a1b2c3d-0000-4000-8000-00000000beef' }
          : account,
      ),
  };
}

describe('provider faults', () => {
  let h: Harness;
  let popup: ExtensionPage;
  let importedAt: number;

  beforeAll(async () => {
    h = await startHarness({ suite: 'faults', data: healthyData() });
    const options = await h.open('options.html');
    // Faults first: the import's own round meets them too.
    for (const { simId, fault } of FAULTS) h.sim.control.setFault({ account: simId }, fault);
    popup = await h.open('popup.html');
    importedAt = Date.now();
    await importSettingsThroughOptions(options, settingsFileOf(h.sim));
  });
  afterAll(async () => h?.close());

  const rowOf = (accounts: PopupAccount[], simId: string) => {
    const name = expectedAccounts(h.sim, [simId])[0]?.name;
    const row = accounts.find((account) => account.name === name);
    if (!row) throw new Error(`the popup does not list ${name}`);
    return row;
  };
  const badge = async () => readBadge(h.ext.background);

  it('each faulty account shows its own error; the others still show their balances', async () => {
    // The import's own round, which nobody had to ask for.
    await roundFinishedAfter(popup, importedAt);
    const shown = await readPopup(popup);
    await h.screenshot(popup, 'faults-first-round');

    for (const { simId, shows } of FAULTS) {
      const row = rowOf(shown.accounts, simId);
      expect(row.amount, row.name).toBeNull();
      expect(row.error, row.name).toMatch(shows);
    }
    const errors = FAULTS.map(({ simId }) => rowOf(shown.accounts, simId).error);
    expect(new Set(errors).size).toBe(FAULTS.length);
    for (const account of expectedAccounts(h.sim).filter((a) => !FAULTED.includes(a.simId))) {
      expect(rowOf(shown.accounts, account.simId)).toMatchObject({
        amount: account.amount,
        error: null,
      });
    }
    const healthy = expectedAccounts(h.sim)
      .filter((a) => !FAULTED.includes(a.simId))
      .map((a) => a.simId);
    expect([...shown.totals].sort()).toEqual(expectedTotals(h.sim, healthy));

    // DESIGN.md: nothing low but some failed: "!", and the tooltip names the failed accounts.
    const { text, tooltip } = await badge();
    expect(text).toBe('!');
    for (const account of expectedAccounts(h.sim, FAULTED)) expect(tooltip).toContain(account.name);
  });

  it('the round after the faults clear recovers every account', async () => {
    h.sim.control.clearFaults();
    await refreshNow(popup);
    const shown = await readPopup(popup);
    for (const account of expectedAccounts(h.sim)) {
      expect(rowOf(shown.accounts, account.simId)).toMatchObject({
        amount: account.amount,
        error: null,
        stale: false,
      });
    }
    expect([...shown.totals].sort()).toEqual(expectedTotals(h.sim));
    expect((await badge()).text).toBe('');
  });

  it('a fault after a good reading keeps that reading, shown as stale', async () => {
    for (const { simId, fault } of FAULTS) h.sim.control.setFault({ account: simId }, fault);
    await refreshNow(popup);
    const shown = await readPopup(popup);
    await h.screenshot(popup, 'faults-stale');

    for (const account of expectedAccounts(h.sim, FAULTED)) {
      const row = rowOf(shown.accounts, account.simId);
      expect(row).toMatchObject({ amount: account.amount, stale: true });
      expect(row.error, row.name).toMatch(
        FAULTS.find((f) => f.simId === account.simId)?.shows ?? /never/,
      );
    }
    // Last good readings still count in the totals.
    expect([...shown.totals].sort()).toEqual(expectedTotals(h.sim));
    expect((await badge()).text).toBe('!');

    h.sim.control.clearFaults();
    await refreshNow(popup);
    const recovered = await readPopup(popup);
    expect(recovered.accounts.filter((a) => a.stale || a.error !== null)).toEqual([]);
  });
});
