import { type BalanceErrorData, ERROR_KINDS } from '@/lib/errors';
import { type Amount, compareDecimals, totalsByUnit } from '@/lib/money';
import type { Reading } from '@/lib/providers/types';
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
 * - off: never, the account is turned off.
 */
export type RetryPlan = 'next-round' | 'retry-after' | 'backoff' | 'after-fix' | 'off';

export interface AccountStatus {
  account: Account;
  state: AccountState;
  /** The last good reading, kept through later failures; null before the first one. */
  reading: Reading | null;
  readingAt: number | null;
  /** Why the last attempt failed; null when it succeeded, was never made, or the account is off. */
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
} as const satisfies Partial<AccountStatus>;

function effectiveThreshold(account: Account, settings: Settings): string | null {
  return account.lowThreshold ?? settings.defaultLowThreshold;
}

function retryOf(
  snapshot: Snapshot | undefined,
  error: BalanceErrorData | null,
  now: number,
): Pick<AccountStatus, 'retry' | 'nextAttemptAt'> {
  // The same rules as the scheduler's isDue (lib/engine/retry-rules.ts), said as a plan.
  const rule = error ? ERROR_KINDS[error.kind].retry : null;
  const at = snapshot?.nextAttemptAt ?? null;
  if (at !== null && at > now) {
    return { retry: rule === 'retry-after' ? 'retry-after' : 'backoff', nextAttemptAt: at };
  }
  if (rule === 'until-credentials-change') return { retry: 'after-fix', nextAttemptAt: null };
  return { retry: 'next-round', nextAttemptAt: null };
}

function stateOf(status: Omit<AccountStatus, 'state'>, tooOld: boolean): AccountState {
  if (status.isLow) return 'low';
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
  if (!account.enabled) return { ...NOT_WATCHED, account, reading, readingAt, threshold };
  const error = snapshot?.error ?? null;
  const failing = error !== null;
  const isLow =
    reading !== null && threshold !== null && compareDecimals(reading.primary.value, threshold) < 0;
  const tooOld =
    readingAt !== null &&
    now - readingAt > STALE_AFTER_INTERVALS * settings.refreshMinutes * 60_000;
  const isStale = reading !== null && (failing || tooOld);
  const facts = { account, reading, readingAt, error, threshold, isLow, failing, isStale };
  const status = { ...facts, ...retryOf(snapshot, error, now) };
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

/** One total per unit over every account with a good reading (current, old or low). */
export function totals(statuses: readonly AccountStatus[]): Amount[] {
  return totalsByUnit(
    statuses.flatMap((status) => (status.reading ? [status.reading.primary] : [])),
  );
}

/** Every low account, whether or not its last attempt failed. */
export function lowAccounts(statuses: readonly AccountStatus[]): AccountStatus[] {
  return statuses.filter((status) => status.isLow);
}

/** Every account whose last attempt failed, waiting or not, low or not. */
export function failingAccounts(statuses: readonly AccountStatus[]): AccountStatus[] {
  return statuses.filter((status) => status.failing);
}

/** Accounts whose last attempt succeeded long ago: an old balance with nothing failing. */
export function outOfDateAccounts(statuses: readonly AccountStatus[]): AccountStatus[] {
  return statuses.filter((status) => status.isStale && !status.failing);
}
