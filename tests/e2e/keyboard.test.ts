import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineStatus, readPopup } from '../../scripts/lib/read-popup';
import { expectedAccounts } from './support/expected';
import { type Harness, startHarness } from './support/harness';
import { tabAndType, tabTo } from './support/keyboard';

/** No mouse anywhere in this file: Tab, typing, arrows and Enter only. */
describe('keyboard only', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ suite: 'keyboard' });
  });
  afterAll(async () => h?.close());

  it('adds an account and refreshes it without the mouse', async () => {
    const os = h.sim.control.account('os-inr');
    if (os.provider !== 'onlinesales') throw new Error('demo data moved');
    const [expected] = expectedAccounts(h.sim, ['os-inr']);
    const options = await h.open('options.html');

    await tabTo(options, /^Add account$/);
    await options.press('Enter');
    // Focus moves into the form; pick the provider by typing its name on the drop-down.
    await expect
      .poll(() => options.evaluate(() => document.activeElement?.closest('form') != null))
      .toBe(true);
    await tabTo(options, /^Provider/);
    await options.type('OnlineSales');
    await tabAndType(options, /^Name/, 'Ads wallet by keyboard');
    await tabTo(options, /^Base URL/);
    await options.type('Custom');
    await tabAndType(options, /^Custom base URL/, h.sim.url);
    await tabAndType(options, /^App token/, os.token);
    await tabAndType(options, /^Merchant id/, os.merchantId);
    await tabTo(options, /^Merchant type/);
    await options.type(os.merchantType === 'seller' ? 'Seller' : 'Brand');
    await tabAndType(options, /^Marketplace client id/, String(os.marketplaceClientId));
    await tabTo(options, /^Test connection$/);
    await options.press('Enter');
    await options.waitFor({
      role: 'status',
      text: `Connection works. Balance: ${expected?.amount}`,
    });
    await tabTo(options, /^Save$/);
    await options.press('Enter');
    await options.waitFor({ role: 'status', text: 'Saved Ads wallet by keyboard' });
    await h.screenshot(options, 'options-after-keyboard-save');

    const popup = await h.open('popup.html');
    await expect
      .poll(async () => (await readPopup(popup)).accounts[0]?.amount)
      .toBe(expected?.amount);

    // A new balance at the provider; Refresh now by keyboard brings it in.
    h.sim.control.setBalance('os-inr', '999.99');
    const before = Date.now();
    await tabTo(popup, /^Refresh now$/);
    await popup.press('Enter');
    await expect
      .poll(async () => {
        const status = await engineStatus(popup);
        return (status?.lastRoundAt ?? 0) > before && !status?.roundRunning;
      })
      .toBe(true);
    await expect.poll(async () => (await readPopup(popup)).accounts[0]?.amount).toBe('₹999.99');
  });
});
