import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionPage } from '../../scripts/lib/extension-page';
import { clearNotifications, notificationIds } from '../../scripts/lib/extension-state';
import { importSettingsThroughOptions } from '../../scripts/lib/import-settings';
import type { Query } from '../../scripts/lib/page-query';
import { readPopup } from '../../scripts/lib/read-popup';
import { type Harness, settingsFileOf, startHarness } from './support/harness';
import { accountIdByName, refreshNow } from './support/popup';

/**
 * Snooze in a real browser: the popup row's "Snooze alerts" menu goes through the protocol to the
 * worker, which stores it; a crossing while snoozed raises no notification, the row says it is
 * snoozed, and Unsnooze brings the alert back at the next round.
 */

const GOLD = 'Member credits (Gold)';
const GOLD_ROW: Query = { css: 'li.account', text: /Member credits \(Gold\)/ };

describe('snooze from the popup', () => {
  let h: Harness;
  let popup: ExtensionPage;

  beforeAll(async () => {
    h = await startHarness({ suite: 'snooze' });
    const options = await h.open('options.html');
    await importSettingsThroughOptions(options, settingsFileOf(h.sim));
    popup = await h.open('popup.html');
    h.sim.control.setBalance('wix-gold', '90');
    await refreshNow(popup);
  });
  afterAll(async () => h?.close());

  const background = () => h.ext.background;

  it('holds back the notice of a crossing while snoozed, and Unsnooze brings it back', async () => {
    const goldId = await accountIdByName(popup, GOLD);
    await clearNotifications(background());

    await popup.click({ role: 'button', name: /Member credits \(Gold\)/ });
    await popup.selectOption(
      { role: 'combobox', name: 'Snooze alerts', within: GOLD_ROW },
      '1 day',
    );
    await popup.waitFor({ ...GOLD_ROW, text: /Snoozed until/ });

    h.sim.control.setBalance('wix-gold', '10');
    await refreshNow(popup);
    expect(await notificationIds(background())).toEqual([]);
    // Snoozed is not hidden: the row still says it is low.
    const gold = (await readPopup(popup)).accounts.find((account) => account.name === GOLD);
    expect(gold).toMatchObject({ low: true });

    await popup.click({ role: 'button', name: 'Unsnooze', within: GOLD_ROW });
    await expect
      .poll(() => popup.count({ ...GOLD_ROW, text: /Snoozed until/ }), { timeout: 10_000 })
      .toBe(0);
    await refreshNow(popup);
    expect(await notificationIds(background())).toEqual([`bw:${goldId}:low`]);
  });
});
