import { type BalanceErrorData, ERROR_KINDS } from '@/lib/errors';
import { projectTrend, type RunOut } from '@/lib/forecast';
import { type Amount, compareDecimals, compareUnits, totalsByUnit } from '@/lib/money';
import { TOP_UP_PAGES } from '@/lib/providers/names';
import type { ProviderId, Reading } from '@/lib/providers/types';
import type { Account, Settings, Snapshot, Snapshots } from '@/lib/state';

/**
 * The one account status. The popup, the options rows, the badge, its tooltip and the
 * notifications all show what this pure function says, so they cannot disagree; none of them
 * compares a balance with a threshold or reads a snapshot's error or times itself.
 *
 * The state, first match wins:
 * - disabled: the account is turned off. Not watched: never low, failing, stale or tried.
 * - low: the last good reading is below the threshold in force, even when that reading is old
 *   or the last attempt failed (a low balance stays true while refreshes fail).
 * - running-out: not low yet, but the forecast (the engine's fitted trend, projected against the
 *   threshold in force) says it will be within the run-out lead: the account's own, else the
 *   default from settings; none, no warning.
 * - waiting: the engine holds the account back until `nextAttemptAt`, which only a failure sets
 *   (the provider's Retry-After, or backoff after repeated failures).
 * - stale: the last attempt failed; the last good reading is kept and shown.
 * - error: the last attempt failed and there never was a good reading.
 * - pending: never read: no reading and no failed attempt yet.
 * - due: the last attempt succeeded but its reading is older than STALE_AFTER_INTERVALS refresh
 *   intervals (the browser was closed or asleep); nothing holds it back, the next round reads it.
 * - ok: a current reading at or above the threshold, or without one.
 */
export type AccountState =
  | 'disabled'
  | 'low'
  | 'running-out'
  | 'waiting'
  | 'stale'
  | 'error'
  | 'pending'
  | 'due'
  | 'ok';

/**
 * When the engine tries the account again:
 * - next-round: at the next periodic round (the alarm's time, unknown to a pure function);
 * - retry-after / backoff: not before `nextAttemptAt` (the provider asked / failures back off);
 * - after-fix: not by the rounds until the account's setup changes (sign-in, configuration or
 *   host permission failures); saving the account or Refresh now tries it;
 * - when-online: the computer is offline; the first round after it is back tries it;
 * - off: never, the account is turned off.
 */
export type RetryPlan =
  | 'next-round'
  | 'retry-after'
  | 'backoff'
  | 'after-fix'
  | 'when-online'
  | 'off';

export interface AccountStatus {
  account: Account;
  state: AccountState;
  /** The last good reading, kept through later failures; null before the first one. */
  reading: Reading | null;
  readingAt: number | null;
  /**
   * Why the last attempt failed; null when it succeeded, was never made, or the account is off.
   * What it means and what to do is `statusAdvice(status)` (lib/error-advice.ts), asked by the
   * pages only: the worker, which runs this for the badge and notices, never shows advice, so
   * its words stay out of the worker's bundle.
   */
  error: BalanceErrorData | null;
  /** The threshold in force: the account's own, else the default from settings. */
  threshold: string | null;
  /** The last good reading is below the threshold, whatever the state of later attempts. */
  isLow: boolean;
  /** The last attempt failed (`error` is set). */
  failing: boolean;
  /** A reading is shown but it is not current: the last attempt failed, or it is old. */
  isStale: boolean;
  retry: RetryPlan;
  /** Set only while the engine holds the account back (retry-after, backoff); else null. */
  nextAttemptAt: number | null;
  /** When the last attempt was made, good or failed; null before the first. */
  lastAttemptAt: number | null;
  /**
   * When the engine tries again, for the row's "next try 13:40": `nextAttemptAt` while held back,
   * else one refresh interval after the last attempt (the periodic round; the alarm's own time is
   * unknown to a pure function, and it runs at most that long after). Null when no round will try
   * it by itself (after-fix, when-online, off) or it was never tried.
   */
  nextTryAt: number | null;
  /**
   * The spend rate (Snapshot.trend) projected against the threshold in force now; null when the
   * history gives no confident forecast, or the account is off.
   */
  forecast: RunOut | null;
  /** Not low, but the forecast says below the threshold within the run-out lead. */
  runningOut: boolean;
  /** The user snoozed its alerts and the snooze has not run out (it still counts everywhere). */
  snoozed: { until: number | null } | null;
  /** Where its wallet is funded: its own link, else the provider's documented page; null: none. */
  topUpUrl: string | null;
}

/** A reading older than this many refresh intervals is out of date even if nothing failed. */
const STALE_AFTER_INTERVALS = 3;

/** What a turned-off account is: its last reading is still shown (options), nothing else. */
const NOT_WATCHED = {
  state: 'disabled',
  error: null,
  isLow: false,
  failing: false,
  isStale: false,
  retry: 'off',
  nextAttemptAt: null,
  nextTryAt: null,
  forecast: null,
  runningOut: false,
  snoozed: null,
} as const satisfies Partial<AccountStatus>;

const HOUR_MS = 60 * 60_000;

function effectiveThreshold(account: Account, settings: Settings): string | null {
  return account.lowThreshold ?? settings.defaultLowThreshold;
}

function retryOf(
  snapshot: Snapshot | undefined,
  error: BalanceErrorData | null,
  { now, refreshMinutes }: { now: number; refreshMinutes: number },
): Pick<AccountStatus, 'retry' | 'nextAttemptAt' | 'nextTryAt'> {
  // The same rules as the scheduler's isDue (lib/engine/retry-rules.ts), said as a plan.
  const rule = error ? ERROR_KINDS[error.kind].retry : null;
  const at = snapshot?.nextAttemptAt ?? null;
  if (at !== null && at > now) {
    const retry = rule === 'retry-after' ? 'retry-after' : 'backoff';
    return { retry, nextAttemptAt: at, nextTryAt: at };
  }
  const none = { nextAttemptAt: null, nextTryAt: null };
  if (rule === 'until-credentials-change') return { retry: 'after-fix', ...none };
  if (rule === 'when-online') return { retry: 'when-online', ...none };
  const last = snapshot?.lastAttemptAt ?? null;
  const nextTryAt = last === null ? null : last + refreshMinutes * 60_000;
  return { retry: 'next-round', nextAttemptAt: null, nextTryAt };
}

/** The account's own link; absent: the provider's documented page; null or "": none. */
function topUpUrlOf(account: Account): string | null {
  if (account.topUpUrl === undefined) return TOP_UP_PAGES[account.provider] ?? null;
  return account.topUpUrl || null;
}

function snoozedOf(snapshot: Snapshot | undefined, now: number): AccountStatus['snoozed'] {
  const snooze = snapshot?.snooze;
  if (!snooze || (snooze.until !== null && snooze.until <= now)) return null;
  return { until: snooze.until };
}

/** The forecast, and whether it falls within the run-out lead (hours; null: no warning). */
function runOutOf(
  snapshot: Snapshot | undefined,
  {
    threshold,
    isLow,
    lead,
    now,
  }: { threshold: string | null; isLow: boolean; lead: number | null; now: number },
): Pick<AccountStatus, 'forecast' | 'runningOut'> {
  const trend = snapshot?.trend;
  // A trend older than the reading was fitted before it (its history could not be written): it
  // may miss a top-up, so it says nothing.
  const readingAt = snapshot?.readingAt ?? null;
  if (!trend || (readingAt !== null && trend.at < readingAt)) {
    return { forecast: null, runningOut: false };
  }
  const forecast = projectTrend(trend, threshold);
  const at = forecast.thresholdAt;
  const runningOut = !isLow && lead !== null && at !== null && at - now <= lead * HOUR_MS;
  return { forecast, runningOut };
}

function stateOf(status: Omit<AccountStatus, 'state'>, tooOld: boolean): AccountState {
  if (status.isLow) return 'low';
  if (status.runningOut) return 'running-out';
  if (status.nextAttemptAt !== null) return 'waiting';
  if (status.failing) return status.reading ? 'stale' : 'error';
  if (status.reading === null) return 'pending';
  return tooOld ? 'due' : 'ok';
}

export function accountStatus(
  account: Account,
  snapshot: Snapshot | undefined,
  settings: Settings,
  now: number,
): AccountStatus {
  const threshold = effectiveThreshold(account, settings);
  const reading = snapshot?.reading ?? null;
  const readingAt = snapshot?.readingAt ?? null;
  const lastAttemptAt = snapshot?.lastAttemptAt ?? null;
  const topUpUrl = topUpUrlOf(account);
  if (!account.enabled) {
    return { ...NOT_WATCHED, account, reading, readingAt, lastAttemptAt, threshold, topUpUrl };
  }
  const error = snapshot?.error ?? null;
  const failing = error !== null;
  const isLow =
    reading !== null && threshold !== null && compareDecimals(reading.primary.value, threshold) < 0;
  const tooOld =
    readingAt !== null &&
    now - readingAt > STALE_AFTER_INTERVALS * settings.refreshMinutes * 60_000;
  const isStale = reading !== null && (failing || tooOld);
  const facts = { account, reading, readingAt, lastAttemptAt, error, threshold, topUpUrl };
  const lead = account.runOutLeadHours ?? settings.runOutLeadHours;
  const status = {
    ...facts,
    isLow,
    failing,
    isStale,
    ...retryOf(snapshot, error, { now, refreshMinutes: settings.refreshMinutes }),
    ...runOutOf(snapshot, { threshold, isLow, lead, now }),
    snoozed: snoozedOf(snapshot, now),
  };
  return { ...status, state: stateOf(status, tooOld) };
}

/** Status of every watched (enabled) account, in stored order. */
export function accountStatuses(
  accounts: readonly Account[],
  snapshots: Snapshots,
  settings: Settings,
  now: number,
): AccountStatus[] {
  return accounts
    .filter((account) => account.enabled)
    .map((account) => accountStatus(account, snapshots[account.id], settings, now));
}

/** One unit's total and the providers whose accounts it adds up. */
export interface Total {
  amount: Amount;
  /** By id; every total names them alike, whatever its unit. */
  providers: ProviderId[];
  /** The accounts it adds up, by name: tells apart two totals of one provider's points. */
  names: string[];
}

/** The totals and what they leave out or include that is not current. */
export interface TotalsSummary {
  /** In a stable order (money.compareUnits), whatever order the readings came in. */
  totals: Total[];
  /** Watched accounts without a good reading: in no total. */
  withoutBalance: number;
  /** Readings in the totals that are not current (isStale), and when the oldest was read. */
  old: { count: number; oldestAt: number } | null;
}

/**
 * One total per unit over every watched account with a good reading (current, old or low), with
 * what the totals leave out (accounts never read) and how many old readings they include.
 */
export function totalsSummary(statuses: readonly AccountStatus[]): TotalsSummary {
  const read = statuses.filter((status) => status.reading !== null);
  const amounts = read.map((status) => (status.reading as Reading).primary);
  const of = (unit: string) => read.filter((status) => status.reading?.primary.unit === unit);
  const totals = totalsByUnit(amounts)
    .sort((a, b) => compareUnits(a.unit, b.unit))
    .map((amount) => ({
      amount,
      providers: [...new Set(of(amount.unit).map((status) => status.account.provider))].sort(),
      names: of(amount.unit).map((status) => status.account.name),
    }));
  const old = read.filter((status) => status.isStale);
  const oldestAt = Math.min(...old.map((status) => status.readingAt ?? Number.POSITIVE_INFINITY));
  return {
    totals,
    withoutBalance: statuses.length - read.length,
    old: old.length > 0 ? { count: old.length, oldestAt } : null,
  };
}

/** Every low account, whether or not its last attempt failed. */
export function lowAccounts(statuses: readonly AccountStatus[]): AccountStatus[] {
  return statuses.filter((status) => status.isLow);
}

/** Every account not low yet whose forecast says it will be within its run-out lead. */
export function runningOutAccounts(statuses: readonly AccountStatus[]): AccountStatus[] {
  return statuses.filter((status) => status.runningOut);
}

/** Every account whose last attempt failed, waiting or not, low or not. */
export function failingAccounts(statuses: readonly AccountStatus[]): AccountStatus[] {
  return statuses.filter((status) => status.failing);
}

/** Accounts whose last attempt succeeded long ago: an old balance with nothing failing. */
export function outOfDateAccounts(statuses: readonly AccountStatus[]): AccountStatus[] {
  return statuses.filter((status) => status.isStale && !status.failing);
}
