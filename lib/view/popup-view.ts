import { type ErrorAdvice, statusAdvice } from '@/lib/error-advice';
import type { BalanceErrorData } from '@/lib/errors';
import { runOutText } from '@/lib/forecast-text';
import { t } from '@/lib/i18n';
import type { Amount } from '@/lib/money';
import { type PopupSummary, popupOrder } from '@/lib/popup-summary';
import type { ProviderId, ReadingDetail } from '@/lib/providers/types';
import type { Account, HistoryPoint, Settings, Snapshot, Snapshots } from '@/lib/state';
import {
  type AccountState,
  type AccountStatus,
  accountStatuses,
  failingAccounts,
  lowAccounts,
  outOfDateAccounts,
  runningOutAccounts,
  type Total,
  totalsSummary,
} from '@/lib/status';
import {
  headlineText,
  snoozedText,
  tagsOf,
  totalsNoteText,
  whenText,
} from '@/lib/view/status-text';

/**
 * The popup's view-model: everything it shows, derived from the stores without touching the DOM
 * or the network, so ordering and wording can be tested as plain functions.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Warn this long before a token stops working, so there is time to renew it. */
const TOKEN_WARNING_MS = 3 * DAY;

/** One listed account: its status (lib/status.ts) in the form the popup draws. */
export interface AccountRow {
  id: string;
  name: string;
  provider: ProviderId;
  /** Never 'disabled': the popup lists watched accounts only. */
  state: AccountState;
  /** The last good reading's primary amount; null before the first one. */
  amount: Amount | null;
  /** The threshold in force, in the amount's unit; null without a reading or a threshold. */
  threshold: Amount | null;
  isLow: boolean;
  /** The amount shown is not current (the last attempt failed, or it is old). */
  isStale: boolean;
  /** The last attempt failed: one visual state, whether a last good amount is kept or not. */
  failing: boolean;
  /** Why the last attempt failed; null when it did not. */
  error: BalanceErrorData | null;
  /** What the failure means and what fixes it; null when not failing. */
  advice: ErrorAdvice | null;
  readingAt: number | null;
  /** The one line of when (lib/view/status-text.ts whenText). */
  when: string;
  /** Low, and "Can't be read" or "Out of date": what the row wears next to its when. */
  tags: ReturnType<typeof tagsOf>;
  details: ReadingDetail[];
  warnings: string[];
  /** When the account's token stops working, if the engine recorded it (never a secret). */
  tokenExpiresAt: number | null;
  /**
   * "Below threshold in ~3h · empty in ~9h" from the status's forecast, a warning within the
   * run-out lead; null without a confident forecast.
   */
  runOut: { text: string; warning: boolean } | null;
  /** "Snoozed until 14:00" / "Snoozed until topped up" while its alerts are snoozed; else null. */
  snoozed: string | null;
  /** The account's top-up page, offered while it is low or running out; else null. */
  topUpUrl: string | null;
}

export interface PopupView {
  rows: AccountRow[];
  /** One per unit, in a stable order, each naming the providers it adds up. */
  totals: Total[];
  /** What the totals leave out and how old what they include is; null when all is current. */
  totalsNote: string | null;
  lowCount: number;
  failingCount: number;
  /** "4 low · 3 can't be read": never "None low" while something fails. */
  headline: string;
  /** All accounts, enabled or not: tells "none yet" from "all turned off". */
  accountCount: number;
}

export interface PopupInput {
  accounts: readonly Account[];
  snapshots: Snapshots;
  settings: Settings;
  now: number;
}

/**
 * The first paint's view, from the popup summary (lib/popup-summary.ts) alone: its first screen
 * of rows with their status now, and the totals and counts over every account as the background
 * derived them with the stores.
 */
export function buildSummaryView(summary: PopupSummary, now: number): PopupView {
  const { accounts, snapshots, settings } = summary;
  const statuses = accountStatuses(accounts, snapshots, settings, now);
  return {
    rows: popupOrder(statuses).map((status) => toRow(status, snapshots[status.account.id], now)),
    totals: summary.totals.totals,
    totalsNote: totalsNoteText(summary.totals, now),
    lowCount: summary.counts.low,
    failingCount: summary.counts.failing,
    headline: headlineText(summary.counts),
    accountCount: summary.accountCount,
  };
}

export function buildPopupView({ accounts, snapshots, settings, now }: PopupInput): PopupView {
  const statuses = accountStatuses(accounts, snapshots, settings, now);
  const summary = totalsSummary(statuses);
  const counts = {
    low: lowAccounts(statuses).length,
    failing: failingAccounts(statuses).length,
    old: outOfDateAccounts(statuses).length,
    runningOut: runningOutAccounts(statuses).length,
  };
  return {
    rows: popupOrder(statuses).map((status) => toRow(status, snapshots[status.account.id], now)),
    totals: summary.totals,
    totalsNote: totalsNoteText(summary, now),
    lowCount: counts.low,
    failingCount: counts.failing,
    headline: headlineText(counts),
    accountCount: accounts.length,
  };
}

function toRow(status: AccountStatus, snapshot: Snapshot | undefined, now: number): AccountRow {
  const { account, reading } = status;
  return {
    id: account.id,
    name: account.name,
    provider: account.provider,
    state: status.state,
    amount: reading?.primary ?? null,
    threshold:
      reading && status.threshold !== null
        ? { value: status.threshold, unit: reading.primary.unit }
        : null,
    isLow: status.isLow,
    isStale: status.isStale,
    failing: status.failing,
    error: status.error,
    advice: statusAdvice(status),
    readingAt: status.readingAt,
    when: whenText(status, now),
    tags: tagsOf(status),
    details: reading?.details ?? [],
    warnings: reading?.warnings ?? [],
    tokenExpiresAt: tokenExpiresAt(account, snapshot),
    runOut: runOutOf(status, now),
    snoozed: snoozedText(status.snoozed, now),
    topUpUrl: status.isLow || status.runningOut ? status.topUpUrl : null,
  };
}

function runOutOf(status: AccountStatus, now: number): AccountRow['runOut'] {
  const text = runOutText(status.forecast, now);
  return text ? { text, warning: status.runningOut } : null;
}

function toEpoch(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const number = Number(value);
  if (Number.isFinite(number)) return number;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

/**
 * The popup must not read local:secrets, so the expiry comes from a non-secret copy: a
 * `tokenExpiresAt` the engine writes on the snapshot, else one kept in the account's params.
 */
export function tokenExpiresAt(account: Account, snapshot: Snapshot | undefined): number | null {
  const fromSnapshot = (snapshot as { tokenExpiresAt?: unknown } | undefined)?.tokenExpiresAt;
  return toEpoch(fromSnapshot) ?? toEpoch(account.params.tokenExpiresAt);
}

let relativeTime: Intl.RelativeTimeFormat | undefined;

/** "Sign-in expires tomorrow: …" within TOKEN_WARNING_MS of the lock-out time; null before that. */
export function tokenWarningText(expiresAt: number | null, now: number): string | null {
  if (expiresAt === null) return null;
  const left = expiresAt - now;
  if (left > TOKEN_WARNING_MS) return null;
  if (left <= 0) return t('popup_tokenExpired');
  relativeTime ??= new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const when =
    left >= DAY
      ? relativeTime.format(Math.round(left / DAY), 'day')
      : relativeTime.format(Math.max(1, Math.round(left / HOUR)), 'hour');
  return t('popup_tokenExpires', when);
}

/**
 * At most `max` evenly spaced points of a series as numbers, for a sparkline: the line is a
 * picture, so float precision is fine here, and a long series would only add SVG weight.
 */
export function sparklineValues(series: readonly HistoryPoint[], max = 48): number[] {
  const values = series.map((point) => Number(point.v)).filter(Number.isFinite);
  if (values.length <= max) return values;
  const step = (values.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => values[Math.round(i * step)] as number);
}
