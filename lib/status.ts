import type { BalanceErrorData } from '@/lib/errors';
import { type Amount, compareDecimals, totalsByUnit } from '@/lib/money';
import type { Reading } from '@/lib/providers/types';
import type { Account, Settings, Snapshot, Snapshots } from '@/lib/state';

/**
 * pending: never attempted yet. ok / low: a fresh good reading above / below the threshold.
 * stale: a good reading exists but the last attempt failed or it is old. error: no good reading
 * and the last attempt failed.
 */
export type AccountState = 'pending' | 'ok' | 'low' | 'stale' | 'error';

export interface AccountStatus {
  account: Account;
  state: AccountState;
  reading: Reading | null;
  readingAt: number | null;
  error: BalanceErrorData | null;
  /** The threshold in force: the account's own, else the default from settings. */
  threshold: string | null;
  isLow: boolean;
  isStale: boolean;
}

/** A reading older than this many refresh intervals is stale even if nothing failed. */
const STALE_AFTER_INTERVALS = 3;

export function effectiveThreshold(account: Account, settings: Settings): string | null {
  return account.lowThreshold ?? settings.defaultLowThreshold;
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
  const error = snapshot?.error ?? null;
  const isLow =
    reading !== null && threshold !== null && compareDecimals(reading.primary.value, threshold) < 0;
  const tooOld =
    readingAt !== null &&
    now - readingAt > STALE_AFTER_INTERVALS * settings.refreshMinutes * 60_000;
  const isStale = reading !== null && (error !== null || tooOld);
  let state: AccountState;
  if (reading === null) state = error ? 'error' : 'pending';
  else if (isLow) state = 'low';
  else if (isStale) state = 'stale';
  else state = 'ok';
  return { account, state, reading, readingAt, error, threshold, isLow, isStale };
}

/** Status of every enabled account, in stored order. */
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

/** One total per unit over every account with a good reading (fresh, stale or low). */
export function totals(statuses: readonly AccountStatus[]): Amount[] {
  return totalsByUnit(
    statuses.flatMap((status) => (status.reading ? [status.reading.primary] : [])),
  );
}

export function lowAccounts(statuses: readonly AccountStatus[]): AccountStatus[] {
  return statuses.filter((status) => status.isLow);
}

export function failingAccounts(statuses: readonly AccountStatus[]): AccountStatus[] {
  return statuses.filter((status) => status.error !== null);
}
