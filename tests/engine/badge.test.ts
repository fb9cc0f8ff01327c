import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applyBadge, BADGE_COLORS, type Badge, badgeFor } from '@/lib/engine/badge';
import type { BalanceErrorData } from '@/lib/errors';
import {
  type Account,
  DEFAULT_SETTINGS,
  type EngineStatus,
  emptySnapshot,
  type Settings,
  type Snapshot,
} from '@/lib/state';
import { type AccountStatus, accountStatus } from '@/lib/status';

const NOW = Date.UTC(2025, 10, 21, 12, 0);
const SETTINGS: Settings = { ...DEFAULT_SETTINGS, defaultLowThreshold: null };
const RUNNING: EngineStatus = {
  roundRunning: false,
  firstRound: false,
  online: true,
  lastRoundAt: NOW,
};

let nextId = 0;

function account(name: string, lowThreshold: string | null = '100'): Account {
  nextId += 1;
  return {
    id: `acc-${nextId}`,
    provider: 'onlinesales',
    name,
    baseUrl: 'https://services.onlinesales.ai',
    params: {},
    lowThreshold,
    enabled: true,
    createdAt: NOW - 86_400_000,
  };
}

function withBalance(name: string, value: string, threshold = '100', unit = 'USD'): AccountStatus {
  const snapshot: Snapshot = {
    ...emptySnapshot(),
    reading: { primary: { value, unit }, details: [], warnings: [] },
    readingAt: NOW,
    lastAttemptAt: NOW,
  };
  return accountStatus(account(name, threshold), snapshot, SETTINGS, NOW);
}

/** Above its threshold of 100 at 150, spent at `perDay`: below it in 50 / perDay days. */
function fallingAt(name: string, perDay: number, lead: number | null = 24): AccountStatus {
  const snapshot: Snapshot = {
    ...emptySnapshot(),
    reading: { primary: { value: '150', unit: 'USD' }, details: [], warnings: [] },
    readingAt: NOW,
    lastAttemptAt: NOW,
    trend: { perDay, at: NOW, value: 150 },
  };
  return accountStatus(account(name), snapshot, { ...SETTINGS, runOutLeadHours: lead }, NOW);
}

function failing(name: string, kind: BalanceErrorData['kind'] = 'server'): AccountStatus {
  const snapshot: Snapshot = {
    ...emptySnapshot(),
    lastAttemptAt: NOW,
    error: { kind, message: 'x' },
    failures: 1,
  };
  return accountStatus(account(name), snapshot, SETTINGS, NOW);
}

function pending(name: string): AccountStatus {
  return accountStatus(account(name), undefined, SETTINGS, NOW);
}

function badge(
  statuses: AccountStatus[],
  engine: Partial<EngineStatus> = {},
  settings: Partial<Settings> = {},
): Badge {
  return badgeFor({
    statuses,
    engine: { ...RUNNING, ...engine },
    settings: { ...SETTINGS, ...settings },
    locale: 'en-US',
    now: NOW,
  });
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('badgeFor', () => {
  it('is empty when every balance is fine, and the tooltip says so', () => {
    const result = badge([withBalance('Ads wallet', '500'), withBalance('Gift float', '9000')]);
    expect(result.text).toBe('');
    expect(result.tooltip).toBe('Balance Watch\nAll 2 balances OK.');
  });

  it('counts the low accounts in red and names them with what is left', () => {
    const result = badge([
      withBalance('Ads wallet', '80'),
      withBalance('Gift float', '9000'),
      withBalance('Wellness credits', '12', '50', 'credits'),
    ]);
    expect(result.text).toBe('2');
    expect(result.color).toBe(BADGE_COLORS.low);
    expect(result.tooltip).toBe(
      [
        'Balance Watch',
        '2 accounts low:',
        '• Ads wallet: $80.00 left (threshold $100.00)',
        '• Wellness credits: 12 credits left (threshold 50 credits)',
      ].join('\n'),
    );
  });

  it('counts the accounts running out with the low ones, and names them apart', () => {
    // 300 a day: below 100 in 4 hours; 10 a day: in 5 days, beyond the 24-hour lead.
    const result = badge([
      withBalance('Ads wallet', '80'),
      fallingAt('Gift float', 300),
      fallingAt('Slow pool', 10),
      withBalance('Wellness credits', '12', '50', 'credits'),
    ]);
    expect(result.text).toBe('3');
    expect(result.color).toBe(BADGE_COLORS.low);
    expect(result.tooltip).toBe(
      [
        'Balance Watch',
        '2 accounts low:',
        '• Ads wallet: $80.00 left (threshold $100.00)',
        '• Wellness credits: 12 credits left (threshold 50 credits)',
        '1 account runs low soon:',
        '• Gift float: Below threshold in ~4h · empty in ~12h',
      ].join('\n'),
    );
  });

  it('counts an account running out alone, marked when another fails; not with warnings off', () => {
    expect(badge([fallingAt('Gift float', 300)]).text).toBe('1');
    expect(badge([fallingAt('Gift float', 300), failing('Ads wallet')]).text).toBe('1!');
    expect(badge([fallingAt('Gift float', 300, null)]).text).toBe('');
    expect(badge([fallingAt('Gift float', 300, null)]).tooltip).toBe(
      'Balance Watch\nAll 1 balance OK.',
    );
  });

  it('shows "!" in amber when nothing is low but an account failed, naming it and why', () => {
    const result = badge([withBalance('Ads wallet', '500'), failing('Gift float', 'auth')]);
    expect(result.text).toBe('!');
    expect(result.color).toBe(BADGE_COLORS.failed);
    expect(result.tooltip).toBe(
      ['Balance Watch', '1 account could not be refreshed:', '• Gift float: Sign-in failed'].join(
        '\n',
      ),
    );
  });

  it('shows the low count marked "!" when some account also fails, and the tooltip names both', () => {
    // Issue 14: never a plain count while something fails; one colour, so the mark is a sign.
    const result = badge([withBalance('Ads wallet', '80'), failing('Gift float', 'timeout')]);
    expect(result.text).toBe('1!');
    expect(result.color).toBe(BADGE_COLORS.low);
    expect(result.tooltip).toContain('• Ads wallet: $80.00 left (threshold $100.00)');
    expect(result.tooltip).toContain('• Gift float: Timed out');
    // Offline is no failure of the provider: the count stays plain.
    expect(badge([withBalance('Ads wallet', '80'), failing('Gift float', 'offline')]).text).toBe(
      '1',
    );
  });

  it('keeps the mark within 4 characters when many are low and some fail', () => {
    const low = Array.from({ length: 150 }, (_, i) => withBalance(`A${i}`, '1'));
    expect(badge([...low, failing('Gift float')]).text).toBe('99+!');
    expect(badge([...low.slice(0, 99), failing('Gift float')]).text).toBe('99!');
  });

  it('shows "…" while the first round runs', () => {
    const result = badge([pending('Ads wallet'), pending('Gift float')], {
      firstRound: true,
      roundRunning: true,
    });
    expect(result.text).toBe('…');
    expect(result.tooltip).toBe('Balance Watch\nChecking balances…');
  });

  it('shows "…" rather than last session’s failures during the first round', () => {
    expect(badge([failing('Gift float')], { firstRound: true }).text).toBe('…');
  });

  it('keeps a known low count during the first round', () => {
    expect(badge([withBalance('Ads wallet', '80')], { firstRound: true }).text).toBe('1');
  });

  it('shows "off" when offline, even during the first round or with failures', () => {
    const offline = badge([failing('Ads wallet', 'network')], { online: false, firstRound: true });
    expect(offline.text).toBe('off');
    expect(offline.color).toBe(BADGE_COLORS.offline);
    expect(offline.tooltip).toContain('Offline');
  });

  it('shows "off" when the failures are the offline kind, per the error table', () => {
    const result = badge([withBalance('Ads wallet', '500'), failing('Gift float', 'offline')]);
    expect(result.text).toBe('off');
    expect(result.tooltip).not.toContain('could not be refreshed');
  });

  it('still counts low accounts while offline', () => {
    expect(badge([withBalance('Ads wallet', '80')], { online: false }).text).toBe('1');
  });

  it('shows nothing in badge mode "off", whatever the state', () => {
    for (const statuses of [
      [withBalance('Ads wallet', '80')],
      [failing('Gift float')],
      [withBalance('Ads wallet', '500')],
    ]) {
      expect(badge(statuses, {}, { badge: 'off' }).text).toBe('');
      expect(badge(statuses, { online: false }, { badge: 'off' }).text).toBe('');
      expect(badge(statuses, { firstRound: true }, { badge: 'off' }).text).toBe('');
    }
  });

  it('is empty with a hint when no account is watched yet', () => {
    const result = badge([]);
    expect(result.text).toBe('');
    expect(result.tooltip).toBe('Balance Watch\nNo accounts watched yet. Add one in Settings.');
  });

  it('never needs more than 4 characters', () => {
    expect(badge(Array.from({ length: 999 }, (_, i) => withBalance(`A${i}`, '1'))).text).toBe(
      '999',
    );
    expect(badge(Array.from({ length: 1000 }, (_, i) => withBalance(`A${i}`, '1'))).text).toBe(
      '999+',
    );
  });

  it('lists at most 5 names per group, then how many more', () => {
    const statuses = Array.from({ length: 8 }, (_, i) => withBalance(`Wallet ${i + 1}`, '10'));
    const lines = badge(statuses).tooltip.split('\n');
    expect(lines).toEqual([
      'Balance Watch',
      '8 accounts low:',
      '• Wallet 1: $10.00 left (threshold $100.00)',
      '• Wallet 2: $10.00 left (threshold $100.00)',
      '• Wallet 3: $10.00 left (threshold $100.00)',
      '• Wallet 4: $10.00 left (threshold $100.00)',
      '• Wallet 5: $10.00 left (threshold $100.00)',
      '• and 3 more',
    ]);
  });

  it('shortens very long names in the tooltip', () => {
    const longName = 'Marketing team prepaid wallet for the APAC region campaigns 2026';
    const tooltip = badge([failing(longName)]).tooltip;
    expect(tooltip).toContain('• Marketing team prepaid wallet for the A…: Provider error');
    expect(tooltip).not.toContain('campaigns');
  });
});

describe('applyBadge', () => {
  it('puts the text, colour and tooltip on the toolbar button', async () => {
    await applyBadge(badge([withBalance('Ads wallet', '80'), withBalance('Gift float', '5')]));

    expect(await fakeBrowser.action.getBadgeText({})).toBe('2');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([197, 34, 31, 255]);
    expect(await fakeBrowser.action.getTitle({})).toContain('• Gift float: $5.00 left');
  });

  it('clears the badge when all is well again', async () => {
    await applyBadge(badge([failing('Gift float')]));
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');

    await applyBadge(badge([withBalance('Gift float', '500')]));

    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(await fakeBrowser.action.getTitle({})).toBe('Balance Watch\nAll 1 balance OK.');
  });

  it('still sets the badge when the tooltip cannot be set', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(fakeBrowser.action, 'setTitle').mockRejectedValue(new Error('not supported'));

    await applyBadge(badge([failing('Gift float')]));

    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([249, 171, 0, 255]);
  });

  it('uses browserAction on a Firefox MV2 build, where action does not exist', async () => {
    const mv2 = fakeBrowser.browserAction;
    const setBadgeText = vi.spyOn(mv2, 'setBadgeText').mockResolvedValue();
    const setBadgeBackgroundColor = vi.spyOn(mv2, 'setBadgeBackgroundColor').mockResolvedValue();
    vi.spyOn(mv2, 'setBadgeTextColor').mockResolvedValue();
    const setTitle = vi.spyOn(mv2, 'setTitle').mockResolvedValue();
    const mv3 = fakeBrowser.action;
    const api = fakeBrowser as unknown as { action?: typeof mv3 };
    api.action = undefined;
    try {
      await applyBadge(badge([failing('Gift float')], { online: false }));
    } finally {
      api.action = mv3;
    }
    expect(setBadgeText).toHaveBeenCalledWith({ text: 'off' });
    expect(setBadgeBackgroundColor).toHaveBeenCalledWith({ color: BADGE_COLORS.offline });
    expect(setTitle).toHaveBeenCalledWith({ title: expect.stringContaining('Offline') });
  });
});
