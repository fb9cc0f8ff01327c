import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionPage } from '../../scripts/lib/extension-page';
import {
  clearNotifications,
  fireAlarmSoon,
  notificationIds,
  readBadge,
} from '../../scripts/lib/extension-state';
import { importSettingsThroughOptions } from '../../scripts/lib/import-settings';
import { readPopup } from '../../scripts/lib/read-popup';
import { type Harness, REFRESH_ALARM, settingsFileOf, startHarness } from './support/harness';
import { accountIdByName, refreshNow, roundFinishedAfter } from './support/popup';

const GOLD = 'Member credits (Gold)';

describe('low-balance notifications', () => {
  let h: Harness;
  let popup: ExtensionPage;

  beforeAll(async () => {
    h = await startHarness({ suite: 'notifications' });
    const options = await h.open('options.html');
    await importSettingsThroughOptions(options, settingsFileOf(h.sim));
    popup = await h.open('popup.html');
    await refreshNow(popup);
  });
  afterAll(async () => h?.close());

  const background = () => h.ext.background;

  it('the first reading of each low account notifies once for it', async () => {
    const shown = await readPopup(popup);
    const low = shown.accounts.filter((account) => account.low);
    expect(low.length).toBeGreaterThan(0);
    const ids = await Promise.all(low.map((account) => accountIdByName(popup, account.name)));
    expect((await notificationIds(background())).sort()).toEqual(
      ids.map((id) => `bw:${id}:low`).sort(),
    );
  });

  it('crossing into low raises exactly one notification, not one per round', async () => {
    await clearNotifications(background());
    const goldId = await accountIdByName(popup, GOLD);
    h.sim.control.setBalance('wix-gold', '40');

    await refreshNow(popup);
    expect(await notificationIds(background())).toEqual([`bw:${goldId}:low`]);
    const gold = (await readPopup(popup)).accounts.find((account) => account.name === GOLD);
    expect(gold).toMatchObject({ amount: '40 credits', low: true });
    expect((await readBadge(background())).tooltip).toContain(GOLD);

    // The user dismisses it; further rounds with the balance still low stay quiet.
    await clearNotifications(background());
    await refreshNow(popup);
    const before = Date.now();
    await fireAlarmSoon(background(), REFRESH_ALARM);
    await roundFinishedAfter(popup, before);
    // A round's notices follow its end (the engine status): give a wrong one time to show.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await notificationIds(background())).toEqual([]);
  });

  it('recovering and dropping again is a new crossing', async () => {
    const goldId = await accountIdByName(popup, GOLD);
    h.sim.control.setBalance('wix-gold', '90');
    await refreshNow(popup);
    expect(await notificationIds(background())).toEqual([]);
    h.sim.control.setBalance('wix-gold', '10');
    await refreshNow(popup);
    expect(await notificationIds(background())).toEqual([`bw:${goldId}:low`]);
  });
});
