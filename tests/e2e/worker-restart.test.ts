import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireAlarmSoon } from '../../scripts/lib/extension-state';
import { importSettingsThroughOptions } from '../../scripts/lib/import-settings';
import { readPopup } from '../../scripts/lib/read-popup';
import { type Harness, REFRESH_ALARM, settingsFileOf, startHarness } from './support/harness';
import { REFRESH_BUTTON, refreshNow, roundFinishedAfter } from './support/popup';

/**
 * The background stopped as the browser stops it: Chromium's service worker, Firefox's event page
 * (terminated as when idle). The next alarm must start it again and its round must complete.
 */
describe('the background stopped in the middle of a round', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ suite: 'worker-restart' });
  });
  afterAll(async () => h?.close());

  it('loses nothing, and the next round completes', async () => {
    const options = await h.open('options.html');
    await importSettingsThroughOptions(options, settingsFileOf(h.sim));
    const popup = await h.open('popup.html');
    await refreshNow(popup);
    const before = await readPopup(popup);
    expect(before.accounts.every((account) => account.amount !== null)).toBe(true);

    // A slow round: every answer takes 8 s, and the balances it would bring are new.
    h.sim.control.setFault({}, { type: 'latency', ms: 8_000 });
    h.sim.control.setBalance('wix-gold', '77');
    h.sim.control.setBalance('os-usd', '123.45');
    h.sim.control.clearRequests();
    await popup.click(REFRESH_BUTTON);
    await expect.poll(() => h.sim.control.requests().length).toBeGreaterThan(0);

    await h.ext.background.stop();
    h.sim.control.clearFaults();

    // Nothing lost: every account and its last good reading is still shown, here and in options.
    await options.reload();
    for (const account of before.accounts) {
      await options.waitFor({ role: 'heading', name: account.name });
    }
    await popup.reload();
    await expect
      .poll(async () => (await readPopup(popup)).accounts.map(({ name, amount }) => [name, amount]))
      .toEqual(before.accounts.map(({ name, amount }) => [name, amount]));

    // The next round (the engine's alarm wakes a new background) completes with the new balances.
    await fireAlarmSoon(popup, REFRESH_ALARM);
    await expect
      .poll(
        async () => {
          const shown = await readPopup(popup);
          return {
            gold: shown.accounts.find((a) => a.name === 'Member credits (Gold)')?.amount,
            ads: shown.accounts.find((a) => a.name === 'Ads wallet (USD)')?.amount,
            status: shown.status,
          };
        },
        { timeout: 30_000 },
      )
      .toEqual({ gold: '77 credits', ads: '$123.45', status: '' });
    await h.screenshot(popup, 'popup-after-restart');
    // And the user can refresh again.
    await refreshNow(popup);
  });

  it('an idle background, stopped, is started again by its alarm alone', async () => {
    const popup = await h.open('popup.html');
    await refreshNow(popup);
    await h.ext.background.stop();
    h.sim.control.setBalance('wix-gold', '66');
    h.sim.control.clearRequests();
    const before = Date.now();

    // From the page: nothing but the alarm may start the background.
    await fireAlarmSoon(popup, REFRESH_ALARM);
    await roundFinishedAfter(popup, before);

    expect(h.sim.control.requests({ account: 'wix-gold' }).length).toBeGreaterThan(0);
    await expect
      .poll(async () =>
        (await readPopup(popup)).accounts.find((a) => a.name === 'Member credits (Gold)'),
      )
      .toMatchObject({ amount: '66 credits', error: null });
  });
});
