import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionPage } from '../../scripts/lib/extension-page';
import { fireAlarmSoon, readBadge } from '../../scripts/lib/extension-state';
import { importSettingsThroughOptions } from '../../scripts/lib/import-settings';
import { readPopup } from '../../scripts/lib/read-popup';
import { expectedAccounts, expectedTotals } from './support/expected';
import { type Harness, REFRESH_ALARM, settingsFileOf, startHarness } from './support/harness';
import { refreshNow, roundFinishedAfter } from './support/popup';

/** One browser for the file: import, then rounds by click and by alarm build on each other. */
describe('import, refresh and alarm rounds', () => {
  let h: Harness;
  let options: ExtensionPage;
  let popup: ExtensionPage;

  beforeAll(async () => {
    h = await startHarness({ suite: 'import-refresh' });
    options = await h.open('options.html');
  });
  afterAll(async () => h?.close());

  it('imports the settings file through the options page', async () => {
    const expected = expectedAccounts(h.sim);
    const imported = await importSettingsThroughOptions(options, settingsFileOf(h.sim));
    expect(imported).toBe(expected.length);
    // The options page lists every account it imported.
    for (const account of expected) {
      await options.waitFor({ role: 'heading', name: account.name });
    }
  });

  it('Refresh now shows every simulator balance, the totals per unit and the low badge', async () => {
    popup = await h.open('popup.html');
    await refreshNow(popup);
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const expected = expectedAccounts(h.sim);
    const shown = await readPopup(popup);
    await h.screenshot(popup, 'popup-after-refresh');
    shown.accounts.sort(byName);
    expected.sort(byName);

    expect(
      shown.accounts.map(({ name, provider, amount, low, error }) => ({
        name,
        provider,
        amount,
        low,
        error,
      })),
    ).toEqual(
      expected.map(({ name, provider, amount, low }) => ({
        name,
        provider,
        amount,
        low,
        error: null,
      })),
    );
    expect([...shown.totals].sort()).toEqual(expectedTotals(h.sim));

    const low = expected.filter((account) => account.low);
    expect(low.length).toBeGreaterThan(0);
    expect(shown.lowSummary).toBe(`${low.length} low`);
    const badge = await readBadge(h.ext.background);
    expect(badge.text).toBe(String(low.length));
    for (const account of low) expect(badge.tooltip).toContain(account.name);
    for (const account of expected.filter((a) => !a.low)) {
      expect(badge.tooltip).not.toContain(account.name);
    }
  });

  it('an alarm runs a real round with no click', async () => {
    const gold = 'Member credits (Gold)';
    h.sim.control.setBalance('wix-gold', '75.5');
    h.sim.control.clearRequests();
    const before = Date.now();

    await fireAlarmSoon(h.ext.background, REFRESH_ALARM);
    await roundFinishedAfter(popup, before);

    expect(h.sim.control.requests({ account: 'wix-gold' }).length).toBeGreaterThan(0);
    await expect
      .poll(async () => (await readPopup(popup)).accounts.find((a) => a.name === gold))
      .toMatchObject({ amount: '75.5 credits', low: false, error: null });
  });
});
