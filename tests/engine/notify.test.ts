import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  handleNotificationClick,
  type Notice,
  notificationsFor,
  showNotices,
} from '@/lib/engine/notify';
import type { BalanceErrorData } from '@/lib/errors';
import {
  type Account,
  DEFAULT_SETTINGS,
  emptySnapshot,
  type Settings,
  type Snapshots,
} from '@/lib/state';
import { account } from '../support/accounts';

const T0 = Date.UTC(2025, 10, 21, 8, 0);
const ROUND_MS = 15 * 60_000;

const ads: Account = account({ id: 'acc-7f3a9c1e', createdAt: T0 });

const gifts: Account = {
  id: 'acc-2b81d044',
  provider: 'xoxoday',
  name: 'Gift card float',
  baseUrl: 'https://accounts.xoxoday.com/chef',
  params: {},
  lowThreshold: null,
  enabled: true,
  createdAt: T0,
};

const SETTINGS: Settings = { ...DEFAULT_SETTINGS, defaultLowThreshold: '5000' };

type Outcome =
  | { balance: string; unit?: string }
  | { error: BalanceErrorData['kind']; message?: string };

/**
 * What a refresh round stores for each account, the way lib/engine/refresh.ts builds it: the previous
 * snapshot (flags included) with this attempt's result on top.
 */
function round(prev: Snapshots, at: number, outcomes: Record<string, Outcome>): Snapshots {
  const next: Snapshots = { ...prev };
  for (const [id, outcome] of Object.entries(outcomes)) {
    const before = prev[id] ?? emptySnapshot();
    next[id] =
      'balance' in outcome
        ? {
            ...before,
            reading: {
              primary: { value: outcome.balance, unit: outcome.unit ?? 'USD' },
              details: [],
              warnings: [],
            },
            readingAt: at,
            lastAttemptAt: at,
            error: null,
            failures: 0,
          }
        : {
            ...before,
            lastAttemptAt: at,
            error: {
              kind: outcome.error,
              message: outcome.message ?? 'The provider rejected the credentials',
            },
            failures: before.failures + 1,
          };
  }
  return next;
}

/** Runs rounds through notificationsFor as the background would, storing its nextSnapshots. */
function runRounds(
  rounds: Record<string, Outcome>[],
  accounts: Account[] = [ads, gifts],
  settings: Settings = SETTINGS,
): Notice[][] {
  let stored: Snapshots = {};
  return rounds.map((outcomes, index) => {
    const next = round(stored, T0 + index * ROUND_MS, outcomes);
    const { toShow, nextSnapshots } = notificationsFor(stored, next, accounts, settings, {
      locale: 'en-US',
    });
    stored = nextSnapshots;
    return toShow;
  });
}

function messages(perRound: Notice[][]): string[][] {
  return perRound.map((notices) => notices.map((notice) => notice.message));
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('notificationsFor: low balance', () => {
  it('notifies once when a balance crosses below its threshold, not on every later round', () => {
    const shown = runRounds([
      { [ads.id]: { balance: '250' } },
      { [ads.id]: { balance: '80' } },
      { [ads.id]: { balance: '60' } },
      { [ads.id]: { balance: '40' } },
    ]);
    expect(messages(shown)).toEqual([
      [],
      ['Ads wallet is low: $80.00 left (threshold $100.00)'],
      [],
      [],
    ]);
    expect(shown[1]?.[0]).toMatchObject({ id: `bw:${ads.id}:low`, title: 'Low balance' });
  });

  it('notifies again on the next crossing after the balance was topped up', () => {
    const shown = runRounds([
      { [ads.id]: { balance: '80' } },
      { [ads.id]: { balance: '1000' } },
      { [ads.id]: { balance: '900' } },
      { [ads.id]: { balance: '95.5' } },
    ]);
    expect(messages(shown)).toEqual([
      ['Ads wallet is low: $80.00 left (threshold $100.00)'],
      [],
      [],
      ['Ads wallet is low: $95.50 left (threshold $100.00)'],
    ]);
  });

  it('does not count a balance exactly at the threshold as low', () => {
    expect(messages(runRounds([{ [ads.id]: { balance: '100' } }]))).toEqual([[]]);
  });

  it('uses the default threshold from settings for an account without its own', () => {
    const shown = runRounds([{ [gifts.id]: { balance: '4200', unit: 'USD' } }]);
    expect(messages(shown)).toEqual([
      ['Gift card float is low: $4,200.00 left (threshold $5,000.00)'],
    ]);
  });

  it('stays quiet while a low account’s refreshes fail, then stays quiet when it reads low again', () => {
    const shown = runRounds([
      { [ads.id]: { balance: '80' } },
      { [ads.id]: { error: 'network' } },
      { [ads.id]: { balance: '70' } },
    ]);
    expect(shown.map((notices) => notices.length)).toEqual([1, 0, 0]);
  });

  it('does not notify twice when a round rebuilt the snapshot without its flags', () => {
    const first = round({}, T0, { [ads.id]: { balance: '80' } });
    const { nextSnapshots: stored } = notificationsFor({}, first, [ads], SETTINGS);
    const rebuilt = round({}, T0 + ROUND_MS, { [ads.id]: { balance: '70' } });

    expect(notificationsFor(stored, rebuilt, [ads], SETTINGS).toShow).toEqual([]);
  });
});

describe('notificationsFor: rejected credentials', () => {
  it('notifies once when the credentials start being rejected', () => {
    const shown = runRounds([
      { [ads.id]: { balance: '500' } },
      { [ads.id]: { error: 'auth' } },
      { [ads.id]: { error: 'auth' } },
      { [ads.id]: { error: 'auth' } },
    ]);
    expect(shown.map((notices) => notices.map((notice) => notice.id))).toEqual([
      [],
      [`bw:${ads.id}:auth`],
      [],
      [],
    ]);
    expect(shown[1]?.[0]).toMatchObject({
      title: 'Sign-in failed',
      message:
        'Ads wallet: The provider rejected the credentials. Check the credentials for this account in Settings.',
    });
  });

  it('says what the error itself says, such as how to replace a rejected token', () => {
    const renewal =
      'The Xoxoday refresh token was rejected. Create a new token in the Xoxoday dashboard and paste it in Settings.';
    const [, shown] = runRounds([
      { [ads.id]: { balance: '500' } },
      { [ads.id]: { error: 'auth', message: renewal } },
    ]);
    expect(shown?.[0]?.message).toBe(
      `Ads wallet: ${renewal} Check the credentials for this account in Settings.`,
    );
    const [provider] = runRounds([
      { [ads.id]: { error: 'auth', message: 'Invalid authorization header' } },
    ]);
    // A provider's words without a full stop still read as a sentence before the hint.
    expect(provider?.[0]?.message).toBe(
      'Ads wallet: Invalid authorization header. Check the credentials for this account in Settings.',
    );
  });

  it('falls back to the generic text when the error repeats it or is empty', () => {
    const generic =
      'Ads wallet: The provider rejected the credentials. Check the credentials for this account in Settings.';
    for (const message of ['', 'Sign-in failed', 'common_error_auth_message']) {
      const [shown] = runRounds([{ [ads.id]: { error: 'auth', message } }]);
      expect(shown?.[0]?.message).toBe(generic);
    }
  });

  it('notifies again after a good reading in between', () => {
    const shown = runRounds([
      { [ads.id]: { error: 'auth' } },
      { [ads.id]: { balance: '500' } },
      { [ads.id]: { error: 'auth' } },
    ]);
    expect(shown.map((notices) => notices.length)).toEqual([1, 0, 1]);
  });

  it('does not forget it already told while other errors come and go', () => {
    const shown = runRounds([
      { [ads.id]: { error: 'auth' } },
      { [ads.id]: { error: 'timeout' } },
      { [ads.id]: { error: 'auth' } },
    ]);
    expect(shown.map((notices) => notices.length)).toEqual([1, 0, 0]);
  });

  it('does not notify for other kinds of failure', () => {
    const shown = runRounds([
      { [ads.id]: { error: 'server' } },
      { [ads.id]: { error: 'not-found' } },
    ]);
    expect(shown).toEqual([[], []]);
  });
});

describe('notificationsFor: the off switch and disabled accounts', () => {
  it('shows nothing when notifications are off', () => {
    const off = { ...SETTINGS, notifications: false };
    const shown = runRounds(
      [{ [ads.id]: { balance: '80' } }, { [gifts.id]: { error: 'auth' } }],
      [ads, gifts],
      off,
    );
    expect(shown).toEqual([[], []]);
  });

  it('tells about a still-low balance once notifications are turned back on', () => {
    const off = { ...SETTINGS, notifications: false };
    const first = round({}, T0, { [ads.id]: { balance: '80' } });
    const quiet = notificationsFor({}, first, [ads], off);
    expect(quiet.toShow).toEqual([]);

    const second = round(quiet.nextSnapshots, T0 + ROUND_MS, { [ads.id]: { balance: '75' } });
    const on = notificationsFor(quiet.nextSnapshots, second, [ads], SETTINGS, { locale: 'en-US' });
    expect(on.toShow.map((notice) => notice.message)).toEqual([
      'Ads wallet is low: $75.00 left (threshold $100.00)',
    ]);
  });

  it('says nothing about a disabled account', () => {
    const shown = runRounds([{ [ads.id]: { balance: '80' } }], [{ ...ads, enabled: false }]);
    expect(shown).toEqual([[]]);
  });
});

describe('showNotices', () => {
  it('creates one system notification per notice, by account and kind', async () => {
    const [toShow = []] = runRounds([
      { [ads.id]: { balance: '80' }, [gifts.id]: { error: 'auth' } },
    ]);

    await showNotices(toShow);

    const shown = await fakeBrowser.notifications.getAll();
    expect(Object.keys(shown).sort()).toEqual([`bw:${gifts.id}:auth`, `bw:${ads.id}:low`]);
    expect(shown[`bw:${ads.id}:low`]).toMatchObject({
      type: 'basic',
      title: 'Low balance',
      message: 'Ads wallet is low: $80.00 left (threshold $100.00)',
      iconUrl: fakeBrowser.runtime.getURL('/icons/128.png'),
    });
  });

  it('keeps going when one notification cannot be shown', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const create = fakeBrowser.notifications.create.bind(fakeBrowser.notifications) as unknown as (
      id: string,
      options: unknown,
    ) => Promise<string>;
    vi.spyOn(fakeBrowser.notifications, 'create').mockImplementation((async (
      id: string,
      options: unknown,
    ) => {
      if (id.endsWith(':auth')) throw new Error('no permission');
      return create(id, options);
    }) as unknown as typeof fakeBrowser.notifications.create);
    const [toShow = []] = runRounds([
      { [ads.id]: { balance: '80' }, [gifts.id]: { error: 'auth' } },
    ]);

    await showNotices(toShow);

    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([`bw:${ads.id}:low`]);
  });
});

describe('handleNotificationClick', () => {
  it('opens the options page at the notice’s account and closes the notice', async () => {
    const [toShow = []] = runRounds([{ [ads.id]: { balance: '80' } }]);
    await showNotices(toShow);
    const opened: (string | undefined)[] = [];
    fakeBrowser.tabs.onCreated.addListener((tab) => {
      opened.push(tab.url);
    });

    expect(await handleNotificationClick(`bw:${ads.id}:low`)).toBe(true);

    expect(opened).toEqual([`chrome-extension://test-extension-id/options.html#account=${ads.id}`]);
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('keeps account ids intact when they contain separators', async () => {
    const opened: (string | undefined)[] = [];
    fakeBrowser.tabs.onCreated.addListener((tab) => {
      opened.push(tab.url);
    });

    await handleNotificationClick('bw:team:ads#1:auth');

    expect(opened).toEqual([
      'chrome-extension://test-extension-id/options.html#account=team%3Aads%231',
    ]);
  });

  it('ignores notifications that are not Balance Watch’s', async () => {
    const opened: unknown[] = [];
    fakeBrowser.tabs.onCreated.addListener((tab) => {
      opened.push(tab);
    });

    expect(await handleNotificationClick('someone-else:123')).toBe(false);
    expect(await handleNotificationClick('bw:acc-1:unknown')).toBe(false);
    expect(opened).toEqual([]);
  });
});
