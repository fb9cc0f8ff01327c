import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { notificationsFor } from '@/lib/engine/notify';
import type { BalanceErrorData } from '@/lib/errors';
import {
  type Account,
  DEFAULT_SETTINGS,
  emptySnapshot,
  type Settings,
  type Snapshot,
  type Snapshots,
} from '@/lib/state';
import { account } from '../support/accounts';

/**
 * The engine decides alert events (lib/alerts/event.ts) once per crossing, for the team channels,
 * whether or not desktop notices are on; desktop notices follow the same crossings. A snoozed
 * account says nothing, and when its snooze ends what is still wrong is said once more.
 */

const T0 = Date.UTC(2025, 10, 21, 8, 0);
const HOUR = 60 * 60_000;
const ROUND_MS = 15 * 60_000;

const ads: Account = account({ id: 'acc-ads', createdAt: T0, topUpUrl: 'https://example.com/pay' });
const SETTINGS: Settings = { ...DEFAULT_SETTINGS, runOutLeadHours: 24 };

type Outcome =
  | { balance: string; perDay?: number }
  | { error: BalanceErrorData['kind']; message?: string };

/** The snapshot a round stores: the previous one with this attempt's result on top. */
function attempt(before: Snapshot | undefined, at: number, outcome: Outcome): Snapshot {
  const base = before ?? emptySnapshot();
  if ('error' in outcome) {
    const message = outcome.message ?? 'The provider rejected the credentials';
    return { ...base, lastAttemptAt: at, error: { kind: outcome.error, message } };
  }
  const value = Number(outcome.balance);
  return {
    ...base,
    reading: { primary: { value: outcome.balance, unit: 'USD' }, details: [], warnings: [] },
    readingAt: at,
    lastAttemptAt: at,
    error: null,
    failures: 0,
    trend: outcome.perDay ? { perDay: outcome.perDay, at, value } : null,
  };
}

interface RoundSaid {
  events: string[];
  notices: string[];
  stored: Snapshot | undefined;
}

/** Rounds 15 minutes apart through notificationsFor, storing what it returns, as the engine does. */
function rounds(
  outcomes: (Outcome | ((stored: Snapshot) => Snapshot))[],
  { settings = SETTINGS, start = {} as Snapshots } = {},
): RoundSaid[] {
  let stored: Snapshots = start;
  return outcomes.map((outcome, index) => {
    const at = T0 + index * ROUND_MS;
    const before = stored[ads.id];
    const snapshot =
      typeof outcome === 'function'
        ? outcome(before ?? emptySnapshot())
        : attempt(before, at, outcome);
    const decided = notificationsFor(stored, { ...stored, [ads.id]: snapshot }, [ads], settings, {
      locale: 'en-US',
      now: at,
    });
    stored = decided.nextSnapshots;
    return {
      events: decided.events.map((event) => event.kind),
      notices: decided.toShow.map((notice) => notice.id),
      stored: stored[ads.id],
    };
  });
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('alert events: once per crossing', () => {
  it('hands one low event to the team channels per crossing, with what a message says', () => {
    let stored: Snapshots = {};
    const kinds: string[][] = [];
    const seen = [];
    for (const [index, balance] of ['250', '80', '60', '1000', '90'].entries()) {
      const next = { [ads.id]: attempt(stored[ads.id], T0 + index * ROUND_MS, { balance }) };
      const decided = notificationsFor(stored, next, [ads], SETTINGS, { now: T0 });
      stored = decided.nextSnapshots;
      kinds.push(decided.events.map((event) => event.kind));
      seen.push(...decided.events);
    }
    expect(kinds).toEqual([[], ['low'], [], [], ['low']]);
    expect(seen[0]).toEqual({
      kind: 'low',
      at: T0,
      account: {
        accountId: ads.id,
        name: 'Ads wallet',
        provider: 'onlinesales',
        amount: { value: '80', unit: 'USD' },
        threshold: '100',
        thresholdAt: null,
        zeroAt: null,
        problem: null,
        topUpUrl: 'https://example.com/pay',
      },
    });
  });

  it('remembers a crossing with desktop notices off: the team hears it once, the desktop later', () => {
    const off = { ...SETTINGS, notifications: false };
    const quiet = rounds([{ balance: '80' }, { balance: '75' }], { settings: off });
    expect(quiet.map((said) => said.events)).toEqual([['low'], []]);
    expect(quiet.map((said) => said.notices)).toEqual([[], []]);

    // Turned on: the desktop tells about the balance still low; the team is not told twice.
    const start = { [ads.id]: quiet[1]?.stored as Snapshot };
    const [on] = rounds([{ balance: '70' }], { start });
    expect(on?.notices).toEqual([`bw:${ads.id}:low`]);
    expect(on?.events).toEqual([]);
  });

  it('hands a sign-in event once while the credentials are rejected, with the reason', () => {
    const said = rounds([
      { balance: '500' },
      { error: 'auth', message: 'Invalid token' },
      { error: 'auth' },
      { error: 'timeout' },
      { balance: '500' },
      { error: 'auth' },
    ]);
    expect(said.map((round) => round.events)).toEqual([[], ['sign-in'], [], [], [], ['sign-in']]);
    const decided = notificationsFor(
      {},
      { [ads.id]: attempt(undefined, T0, { error: 'auth', message: 'Invalid token' }) },
      [ads],
      SETTINGS,
      { now: T0 },
    );
    expect(decided.events[0]?.account.problem).toBe('Invalid token');
    expect(decided.toShow.map((notice) => notice.id)).toEqual([`bw:${ads.id}:auth`]);
  });
});

describe('alert events: running out', () => {
  // 150 left, threshold 100, 100 a day: below the threshold in 12 hours, within the 24 h lead.
  const runningOut = { balance: '150', perDay: 100 };

  it('warns once when the forecast reaches the threshold within the lead, then once when low', () => {
    const said = rounds([
      { balance: '900', perDay: 100 },
      runningOut,
      runningOut,
      { balance: '90' },
    ]);
    expect(said.map((round) => round.events)).toEqual([[], ['run-out'], [], ['low']]);
    expect(said.map((round) => round.notices)).toEqual([
      [],
      [`bw:${ads.id}:run-out`],
      [],
      [`bw:${ads.id}:low`],
    ]);
    expect(said[1]?.stored?.runOutNotified).toBe(true);
  });

  it('says when the threshold comes and offers the top-up page', () => {
    const decided = notificationsFor(
      {},
      { [ads.id]: attempt(undefined, T0, runningOut) },
      [ads],
      SETTINGS,
      { locale: 'en-US', now: T0 },
    );
    expect(decided.events[0]?.account).toMatchObject({
      thresholdAt: T0 + 12 * HOUR,
      topUpUrl: 'https://example.com/pay',
    });
    expect(decided.toShow[0]).toMatchObject({
      title: 'Running out',
      message:
        'Ads wallet: $150.00 left (threshold $100.00). Below threshold in ~12h · empty in ~36h',
      topUpUrl: 'https://example.com/pay',
    });
  });

  it('warns again after a top-up when it runs out again', () => {
    const said = rounds([runningOut, { balance: '5000' }, runningOut]);
    expect(said.map((round) => round.events)).toEqual([['run-out'], [], ['run-out']]);
  });

  it('stays quiet with no lead (run-out warnings off)', () => {
    const said = rounds([runningOut], { settings: { ...SETTINGS, runOutLeadHours: null } });
    expect(said.map((round) => round.events)).toEqual([[]]);
  });
});

describe('alert events: snooze', () => {
  const snoozedFor = (ms: number) => (stored: Snapshot) => ({
    ...stored,
    snooze: { at: T0, until: T0 + ms, from: stored.reading?.primary.value ?? null },
  });

  it('says nothing while snoozed, and forgets a crossing that recovered meanwhile', () => {
    const said = rounds([
      { balance: '500' },
      snoozedFor(2 * HOUR),
      { balance: '80' },
      { balance: '70' },
      { balance: '500' },
    ]);
    expect(said.map((round) => round.events)).toEqual([[], [], [], [], []]);
    expect(said.map((round) => round.notices)).toEqual([[], [], [], [], []]);
    expect(said[2]?.stored).toMatchObject({ lowNotified: true, alertsSent: ['low'] });
    expect(said[4]?.stored).toMatchObject({ lowNotified: false, alertsSent: [] });
  });

  it('says once more what is still wrong when a timed snooze ends, and clears it', () => {
    // Rounds are 15 minutes apart: the snooze of 30 minutes is over at the third round.
    const said = rounds([
      { balance: '80' },
      snoozedFor(30 * 60_000),
      { balance: '75' },
      { balance: '70' },
    ]);
    expect(said.map((round) => round.events)).toEqual([['low'], [], ['low'], []]);
    expect(said.map((round) => round.notices)).toEqual([
      [`bw:${ads.id}:low`],
      [],
      [`bw:${ads.id}:low`],
      [],
    ]);
    expect(said[1]?.stored?.snooze).not.toBeNull();
    expect(said[2]?.stored?.snooze).toBeNull();
  });

  it('ends "until topped up" at any rise above the balance it was snoozed at', () => {
    const untilToppedUp = (stored: Snapshot) => ({
      ...stored,
      snooze: { at: T0, until: null, from: stored.reading?.primary.value ?? null },
    });
    const said = rounds([
      { balance: '80' },
      untilToppedUp,
      { balance: '60' },
      { balance: '60' },
      { balance: '95' },
    ]);
    expect(said.map((round) => round.events)).toEqual([['low'], [], [], [], ['low']]);
    expect(said[3]?.stored?.snooze).toMatchObject({ until: null, from: '80' });
    expect(said[4]?.stored?.snooze).toBeNull();
  });
});
