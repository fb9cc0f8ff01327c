import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleNotificationButton, type Notice, showNotices } from '@/lib/engine/notify';
import { type Account, emptySnapshot } from '@/lib/state';
import { accountsItem, snapshotsItem } from '@/lib/storage/items';
import { account } from '../support/accounts';

/**
 * Chrome shows up to two buttons on a notice: "Snooze 1 day" and, when the account has a top-up
 * page, "Top up", on low and run-out notices. (Firefox shows none; there a click opens Settings.)
 */

const NOW = Date.UTC(2025, 10, 21, 8, 0);
const DAY = 24 * 60 * 60_000;
const ads: Account = account({ id: 'acc-ads', topUpUrl: 'https://example.com/pay' });

function notice(kind: Notice['kind'], topUpUrl: string | null): Notice {
  return {
    id: `bw:${ads.id}:${kind}`,
    accountId: ads.id,
    kind,
    title: 'Low balance',
    message: 'Ads wallet is low',
    topUpUrl,
  };
}

async function shownButtons(id: string): Promise<unknown> {
  return ((await fakeBrowser.notifications.getAll()) as Record<string, { buttons?: unknown }>)[id]
    ?.buttons;
}

function openedTabs(): (string | undefined)[] {
  const opened: (string | undefined)[] = [];
  fakeBrowser.tabs.onCreated.addListener((tab) => {
    opened.push(tab.url);
  });
  return opened;
}

beforeEach(async () => {
  fakeBrowser.reset();
  await accountsItem.setValue([ads]);
  await snapshotsItem.setValue({ [ads.id]: { ...emptySnapshot(), lowNotified: true } });
});

describe('notice buttons', () => {
  it('offers Snooze 1 day and Top up on a low or run-out notice with a top-up page', async () => {
    await showNotices([notice('low', 'https://example.com/pay'), notice('run-out', null)]);

    expect(await shownButtons(`bw:${ads.id}:low`)).toEqual([
      { title: 'Snooze 1 day' },
      { title: 'Top up' },
    ]);
    expect(await shownButtons(`bw:${ads.id}:run-out`)).toEqual([{ title: 'Snooze 1 day' }]);
  });

  it('offers no button on a sign-in notice', async () => {
    await showNotices([notice('auth', null)]);

    expect(await shownButtons(`bw:${ads.id}:auth`)).toBeUndefined();
  });
});

describe('handleNotificationButton', () => {
  it('Snooze 1 day snoozes the account for a day and closes the notice', async () => {
    await showNotices([notice('low', 'https://example.com/pay')]);

    expect(await handleNotificationButton(`bw:${ads.id}:low`, 0, NOW)).toBe(true);

    expect((await snapshotsItem.getValue())[ads.id]?.snooze).toEqual({
      at: NOW,
      until: NOW + DAY,
      from: null,
    });
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('Top up opens the account’s top-up page in a tab and closes the notice', async () => {
    await showNotices([notice('run-out', 'https://example.com/pay')]);
    const opened = openedTabs();

    expect(await handleNotificationButton(`bw:${ads.id}:run-out`, 1, NOW)).toBe(true);

    expect(opened).toEqual(['https://example.com/pay']);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('ignores buttons of notices that are not Balance Watch’s', async () => {
    const opened = openedTabs();

    expect(await handleNotificationButton('someone-else:1', 0, NOW)).toBe(false);
    expect(await handleNotificationButton(`bw:${ads.id}:auth`, 0, NOW)).toBe(false);
    expect(opened).toEqual([]);
    expect((await snapshotsItem.getValue())[ads.id]?.snooze).toBeUndefined();
  });
});
