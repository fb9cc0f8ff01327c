import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, type Snapshots } from '@/lib/state';
import {
  buildPopupView,
  sparklineValues,
  tokenExpiresAt,
  tokenWarningText,
} from '@/lib/view/popup-view';
import { updatedText } from '@/lib/view/status-text';
import { account, DAY, failure, MINUTE, snapshot } from '../components/popup/seed';

const NOW = Date.UTC(2025, 5, 1, 12);
const usd = (value: string) => ({ value, unit: 'USD' });

beforeEach(() => {
  fakeBrowser.reset();
});

describe('buildPopupView', () => {
  it('puts low accounts first, then failing ones, then the rest, by name within each', () => {
    const accounts = [
      account('a', { name: 'zeta ok' }),
      account('b', { name: 'Alpha ok' }),
      account('c', { name: 'mid failing' }),
      account('d', { name: 'Yankee low', lowThreshold: '100' }),
      account('e', { name: 'bravo low', lowThreshold: '100' }),
      account('f', { name: 'Account 10' }),
      account('g', { name: 'Account 9' }),
      account('h', { name: 'Beta pending' }),
    ];
    const snapshots: Snapshots = {
      a: snapshot(usd('500'), NOW),
      b: snapshot(usd('500'), NOW),
      c: snapshot(usd('500'), NOW, { error: failure('network', 'down') }),
      d: snapshot(usd('5'), NOW),
      e: snapshot(usd('99.99'), NOW),
      f: snapshot(usd('1'), NOW),
      g: snapshot(usd('1'), NOW),
    };
    const view = buildPopupView({ accounts, snapshots, settings: DEFAULT_SETTINGS, now: NOW });
    expect(view.rows.map((row) => row.name)).toEqual([
      'bravo low',
      'Yankee low',
      'mid failing',
      'Account 9',
      'Account 10',
      'Alpha ok',
      'Beta pending',
      'zeta ok',
    ]);
  });

  it('lists an account waiting out a Retry-After with the failing ones, in state "waiting"', () => {
    const accounts = [account('a', { name: 'Able ok' }), account('w', { name: 'Zed waiting' })];
    const snapshots: Snapshots = {
      a: snapshot(usd('500'), NOW),
      w: snapshot(usd('500'), NOW - 20 * MINUTE, {
        lastAttemptAt: NOW,
        error: { kind: 'rate-limited', message: '', retryAfterMs: 10 * MINUTE },
        nextAttemptAt: NOW + 10 * MINUTE,
      }),
    };
    const view = buildPopupView({ accounts, snapshots, settings: DEFAULT_SETTINGS, now: NOW });
    expect(view.rows.map((row) => [row.name, row.state])).toEqual([
      ['Zed waiting', 'waiting'],
      ['Able ok', 'ok'],
    ]);
    // Once the wait is over nothing holds it back: still failing, with its last good value.
    const later = buildPopupView({
      accounts,
      snapshots,
      settings: DEFAULT_SETTINGS,
      now: NOW + 11 * MINUTE,
    });
    expect(later.rows[0]).toMatchObject({ id: 'w', state: 'stale', isStale: true });
  });

  it('sums per unit exactly, counts low accounts and leaves disabled accounts out', () => {
    const accounts = [
      account('a', { lowThreshold: '1' }),
      account('b'),
      account('c', { provider: 'capillary' }),
      account('off', { enabled: false }),
    ];
    const snapshots: Snapshots = {
      a: snapshot(usd('0.10'), NOW),
      b: snapshot(usd('0.20'), NOW),
      c: snapshot({ value: '1200', unit: 'points:capillary' }, NOW),
      off: snapshot(usd('1000'), NOW),
    };
    const view = buildPopupView({ accounts, snapshots, settings: DEFAULT_SETTINGS, now: NOW });
    expect(view.totals.map((total) => total.amount)).toEqual([
      { value: '0.3', unit: 'USD' },
      { value: '1200', unit: 'points:capillary' },
    ]);
    expect(view.lowCount).toBe(1);
    expect(view.rows).toHaveLength(3);
    expect(view.accountCount).toBe(4);
  });

  it('gives the threshold in force in the reading unit, falling back to the default', () => {
    const view = buildPopupView({
      accounts: [account('a')],
      snapshots: { a: snapshot({ value: '40', unit: 'INR' }, NOW) },
      settings: { ...DEFAULT_SETTINGS, defaultLowThreshold: '50' },
      now: NOW,
    });
    expect(view.rows[0]).toMatchObject({
      isLow: true,
      state: 'low',
      threshold: { value: '50', unit: 'INR' },
    });
  });

  it('marks an old reading stale and keeps the last good amount when the last attempt failed', () => {
    const view = buildPopupView({
      accounts: [account('old'), account('failed')],
      snapshots: {
        old: snapshot(usd('10'), NOW - 2 * 60 * MINUTE),
        failed: snapshot(usd('20'), NOW, {
          error: failure('auth', 'Invalid authorization header'),
        }),
      },
      settings: { ...DEFAULT_SETTINGS, refreshMinutes: 15 },
      now: NOW,
    });
    const byId = Object.fromEntries(view.rows.map((row) => [row.id, row]));
    expect(byId.old).toMatchObject({ isStale: true, error: null });
    expect(byId.failed).toMatchObject({ isStale: true, amount: usd('20') });
    expect(byId.failed?.error?.kind).toBe('auth');
  });
});

describe('updatedText', () => {
  it.each([
    [null, 'Not checked yet'],
    [NOW - 20_000, 'Updated just now'],
    [NOW + 5 * MINUTE, 'Updated just now'],
    [NOW - 5 * MINUTE - 30_000, 'Updated 5 min ago'],
    [NOW - 3 * 60 * MINUTE, 'Updated 3 h ago'],
    [NOW - 3 * DAY, 'Updated 3 d ago'],
  ])('%s -> %s', (readingAt, text) => {
    expect(updatedText(readingAt, NOW)).toBe(text);
  });
});

describe('token expiry', () => {
  it('reads a non-secret expiry from the snapshot first, then from the params', () => {
    const withSnapshot = { ...snapshot(null, null), tokenExpiresAt: NOW + DAY };
    expect(tokenExpiresAt(account('a'), withSnapshot)).toBe(NOW + DAY);
    const iso = new Date(NOW + 2 * DAY).toISOString();
    expect(tokenExpiresAt(account('a', { params: { tokenExpiresAt: iso } }), undefined)).toBe(
      NOW + 2 * DAY,
    );
    expect(tokenExpiresAt(account('a'), snapshot(null, null))).toBeNull();
  });

  it('warns only within three days of expiry', () => {
    expect(tokenWarningText(null, NOW)).toBeNull();
    expect(tokenWarningText(NOW + 4 * DAY, NOW)).toBeNull();
    expect(tokenWarningText(NOW + 2 * DAY, NOW)).toBe(
      'Sign-in expires in 2 days: renew the Xoxoday token in Settings.',
    );
    expect(tokenWarningText(NOW + 5 * 60 * MINUTE, NOW)).toBe(
      'Sign-in expires in 5 hours: renew the Xoxoday token in Settings.',
    );
    expect(tokenWarningText(NOW - MINUTE, NOW)).toBe('The access token has expired.');
  });
});

describe('a row’s run-out forecast', () => {
  const HOUR = 60 * MINUTE;
  // 10 a day, read just now at 95: below 90 in ~12h, empty in ~9.5 days.
  const falling = () => snapshot(usd('95'), NOW, { trend: { perDay: 10, at: NOW, value: 95 } });
  const rowOf = (lead: number | null, accountLead?: number | null) =>
    buildPopupView({
      accounts: [account('a', { lowThreshold: '90', runOutLeadHours: accountLead })],
      snapshots: { a: falling() },
      settings: { ...DEFAULT_SETTINGS, runOutLeadHours: lead },
      now: NOW,
    }).rows[0];

  it('says when it goes below the threshold and when it is empty, as a warning within the lead', () => {
    const row = rowOf(24);
    expect(row?.state).toBe('running-out');
    expect(row?.runOut).toEqual({
      text: 'Below threshold in ~12h · empty in ~10d',
      warning: true,
    });
  });

  it('is muted beyond the lead, or with run-out warnings off', () => {
    expect(rowOf(6)?.runOut).toEqual({
      text: 'Below threshold in ~12h · empty in ~10d',
      warning: false,
    });
    expect(rowOf(6)?.state).toBe('ok');
    expect(rowOf(null)?.runOut?.warning).toBe(false);
    // The account's own lead wins over the default.
    expect(rowOf(6, 13)?.runOut?.warning).toBe(true);
    expect(rowOf(24, 1)?.runOut?.warning).toBe(false);
  });

  it('is counted in the header and listed right after the low accounts', () => {
    const view = buildPopupView({
      accounts: [
        account('a', { name: 'Alpha fine', lowThreshold: '90' }),
        account('b', { name: 'Bravo failing' }),
        account('c', { name: 'Charlie running out', lowThreshold: '90' }),
        account('d', { name: 'Delta low', lowThreshold: '100' }),
      ],
      snapshots: {
        a: snapshot(usd('500'), NOW),
        b: snapshot(usd('500'), NOW, { error: failure('network', 'down') }),
        c: falling(),
        d: snapshot(usd('5'), NOW),
      },
      settings: DEFAULT_SETTINGS,
      now: NOW,
    });
    expect(view.headline).toBe("1 low · 1 runs low soon · 1 can't be read");
    expect(view.rows.map((row) => row.name)).toEqual([
      'Delta low',
      'Charlie running out',
      'Bravo failing',
      'Alpha fine',
    ]);
  });

  it('says nothing from a trend older than the reading (its history could not be written)', () => {
    const view = buildPopupView({
      accounts: [account('a', { lowThreshold: '90' })],
      // Topped up to 5 000 since: a spend fitted before it says nothing about it.
      snapshots: {
        a: snapshot(usd('5000'), NOW, { trend: { perDay: 10, at: NOW - 60 * MINUTE, value: 95 } }),
      },
      settings: DEFAULT_SETTINGS,
      now: NOW,
    });
    expect(view.rows[0]?.runOut).toBeNull();
    expect(view.rows[0]?.state).toBe('ok');
  });

  it('says nothing without a confident forecast', () => {
    const row = buildPopupView({
      accounts: [account('a', { lowThreshold: '90' })],
      snapshots: { a: snapshot(usd('95'), NOW) },
      settings: DEFAULT_SETTINGS,
      now: NOW + HOUR,
    }).rows[0];
    expect(row?.runOut).toBeNull();
  });
});

describe('sparklineValues', () => {
  it('keeps short series and thins long ones to evenly spaced points, ends included', () => {
    const series = Array.from({ length: 100 }, (_, i) => ({ t: i, v: String(i) }));
    expect(sparklineValues(series.slice(0, 3))).toEqual([0, 1, 2]);
    const thin = sparklineValues(series, 10);
    expect(thin).toHaveLength(10);
    expect(thin[0]).toBe(0);
    expect(thin.at(-1)).toBe(99);
  });
});
