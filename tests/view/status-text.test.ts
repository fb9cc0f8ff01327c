import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, type Snapshot } from '@/lib/state';
import { accountStatus, accountStatuses, totalsSummary } from '@/lib/status';
import {
  clockText,
  headlineText,
  stateText,
  tagsOf,
  totalsNoteText,
  whenText,
} from '@/lib/view/status-text';
import { account, failure, MINUTE, snapshot } from '../components/popup/seed';

/** Issue 14: each row says one thing, from the one status, in the same words everywhere. */

const NOW = new Date(2025, 5, 1, 13, 30).getTime();
const HOUR = 60 * MINUTE;
const usd = (value: string) => ({ value, unit: 'USD' });
const settings = { ...DEFAULT_SETTINGS, refreshMinutes: 15 as const };

beforeEach(() => {
  fakeBrowser.reset();
});

function statusOf(snap: Snapshot | undefined, lowThreshold: string | null = '100') {
  return accountStatus(account('a', { lowThreshold }), snap, settings, NOW);
}

describe('whenText: one line of when', () => {
  it('says when a current balance was read', () => {
    expect(whenText(statusOf(snapshot(usd('500'), NOW - 2 * MINUTE)), NOW)).toBe(
      'Updated 2 min ago',
    );
    expect(whenText(statusOf(undefined), NOW)).toBe('Not checked yet');
  });

  it('says the last good reading, the failed try and the next one, never "Updated"', () => {
    const tried = NOW - 6 * MINUTE;
    const status = statusOf(
      snapshot(usd('500'), NOW - 2 * HOUR, {
        lastAttemptAt: tried,
        error: failure('timeout', ''),
        nextAttemptAt: NOW + 10 * MINUTE,
        failures: 2,
      }),
    );
    expect(status.nextTryAt).toBe(NOW + 10 * MINUTE);
    expect(whenText(status, NOW)).toBe(
      `Last good 2 h ago · last try ${clockText(tried, NOW)} failed · next try ${clockText(NOW + 10 * MINUTE, NOW)}`,
    );
  });

  it('starts with the failed try when there never was a good reading', () => {
    const status = statusOf(
      snapshot(null, null, {
        lastAttemptAt: NOW - MINUTE,
        error: failure('server', 'Bad gateway'),
      }),
    );
    // Nothing holds it back: the periodic round, one interval after the try.
    expect(status.nextTryAt).toBe(NOW - MINUTE + 15 * MINUTE);
    expect(whenText(status, NOW)).toMatch(/^Last try .+ failed · next try .+$/);
  });

  it('says the wait a provider asked for, and why', () => {
    const until = NOW + 12 * MINUTE;
    const waiting = snapshot(usd('500'), NOW - 20 * MINUTE, {
      lastAttemptAt: NOW - MINUTE,
      error: { kind: 'rate-limited', message: '', retryAfterMs: 13 * MINUTE },
      nextAttemptAt: until,
    });
    expect(whenText(statusOf(waiting), NOW)).toBe(
      `Last good 20 min ago · waiting until ${clockText(until, NOW)}: the provider asked us to slow down`,
    );
    expect(whenText(statusOf({ ...waiting, reading: null, readingAt: null }), NOW)).toBe(
      `Waiting until ${clockText(until, NOW)}: the provider asked us to slow down`,
    );
  });

  it('says when a failure waits for a fix or for the network', () => {
    const auth = statusOf(
      snapshot(null, null, { lastAttemptAt: NOW, error: failure('auth', 'x') }),
    );
    expect(whenText(auth, NOW)).toMatch(/no retry until the account is fixed$/);
    const offline = statusOf(
      snapshot(null, null, { lastAttemptAt: NOW, error: failure('offline', '') }),
    );
    expect(offline.retry).toBe('when-online');
    expect(whenText(offline, NOW)).toMatch(/next try when back online$/);
  });
});

describe('one visual state per row', () => {
  it('gives a failing row one problem tag, with or without a kept amount, and keeps Low', () => {
    const failing = snapshot(usd('500'), NOW - 2 * HOUR, {
      lastAttemptAt: NOW,
      error: failure('timeout', ''),
    });
    expect(tagsOf(statusOf(failing)).map((tag) => tag.text)).toEqual(["Can't be read"]);
    const lowFailing = { ...failing, reading: { primary: usd('5'), details: [], warnings: [] } };
    expect(tagsOf(statusOf(lowFailing)).map((tag) => tag.text)).toEqual(['Low', "Can't be read"]);
    expect(stateText(statusOf(lowFailing))).toBe('Low · Timed out');
    const old = snapshot(usd('500'), NOW - 2 * HOUR);
    expect(tagsOf(statusOf(old)).map((tag) => tag.text)).toEqual(['Out of date']);
  });
});

describe('the header and the totals', () => {
  it('never say "fine" while something fails', () => {
    expect(headlineText({ low: 4, failing: 3, old: 0 })).toBe("4 low · 3 can't be read");
    expect(headlineText({ low: 0, failing: 5, old: 0 })).toBe("5 can't be read");
    expect(headlineText({ low: 0, failing: 0, old: 1 })).toBe('1 out of date');
    expect(headlineText({ low: 0, failing: 0, old: 0 })).toBe('None low');
  });

  it('say what they leave out and how old what they include is, in the right plural', () => {
    const accounts = [
      account('a'),
      account('b'),
      account('c'),
      account('d', { provider: 'capillary' }),
    ];
    const statuses = accountStatuses(
      accounts,
      {
        a: snapshot(usd('10'), NOW - 3 * HOUR, {
          lastAttemptAt: NOW,
          error: failure('server', ''),
        }),
        b: snapshot(null, null, { lastAttemptAt: NOW, error: failure('auth', '') }),
        d: snapshot({ value: '5', unit: 'points:capillary' }, NOW),
      },
      settings,
      NOW,
    );
    const summary = totalsSummary(statuses);
    expect(summary.totals).toEqual([
      { amount: usd('10'), providers: ['onlinesales'], names: ['a'] },
      { amount: { value: '5', unit: 'points:capillary' }, providers: ['capillary'], names: ['d'] },
    ]);
    expect(totalsNoteText(summary, NOW)).toBe(
      'Excludes 2 accounts without a balance · 1 balance is 3 h old',
    );
    const one = totalsSummary(statuses.filter((s) => s.account.id !== 'c'));
    expect(totalsNoteText(one, NOW)).toBe(
      'Excludes 1 account without a balance · 1 balance is 3 h old',
    );
    expect(totalsNoteText(totalsSummary(statuses.slice(3)), NOW)).toBeNull();
  });
});
