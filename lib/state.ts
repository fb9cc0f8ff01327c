import type { BalanceErrorData } from '@/lib/errors';
import type { ProviderId, Reading } from '@/lib/providers/types';

/**
 * The stored state, as plain types. Kept free of zod so the popup can read storage without
 * shipping a validator; lib/storage/schemas.ts holds the matching schemas the background checks.
 */

export interface Account {
  id: string;
  provider: ProviderId;
  name: string;
  baseUrl: string;
  /** Non-secret, provider-specific parameters (pool id, customer id, merchant id...). */
  params: Record<string, unknown>;
  /** Decimal string in the account's unit; null means "use the default from settings". */
  lowThreshold: string | null;
  enabled: boolean;
  createdAt: number;
  /**
   * The second trigger: warn when the forecast says the balance goes below its threshold within
   * this many hours. Null or absent: the default from settings.
   */
  runOutLeadHours?: number | null;
  /**
   * Where the wallet is funded. Absent: the provider's documented page, if any
   * (lib/providers/catalog.ts); null or "": no link.
   */
  topUpUrl?: string | null;
}

/** Credentials by account id: tokens, keys, passwords, renewed tokens and their expiry. */
export type Secrets = Record<string, Record<string, unknown>>;

export const REFRESH_CHOICES = [1, 5, 15, 30, 60, 180] as const;
type RefreshMinutes = (typeof REFRESH_CHOICES)[number];

export const BADGE_MODES = ['low-count', 'off'] as const;
export type BadgeMode = (typeof BADGE_MODES)[number];

export interface Settings {
  refreshMinutes: RefreshMinutes;
  badge: BadgeMode;
  notifications: boolean;
  /** Decimal string applied to accounts without their own threshold; null: no default. */
  defaultLowThreshold: string | null;
  /** The run-out trigger's default lead, in hours; null: no run-out warnings by default. */
  runOutLeadHours: number | null;
  /** Local time "HH:MM" of the daily digest; null: no digest. */
  digestTime: string | null;
}

export const DEFAULT_SETTINGS: Settings = {
  refreshMinutes: 15,
  badge: 'low-count',
  notifications: true,
  defaultLowThreshold: null,
  runOutLeadHours: 24,
  digestTime: null,
};

/**
 * The spend rate the engine fitted on the account's recent history after its last good reading
 * (lib/forecast.ts spendTrend); the status projects it against the threshold in force now.
 */
export interface Trend {
  /** Units spent per day, > 0 (a balance that is not falling has no trend). */
  perDay: number;
  /** The newest point the line starts from: epoch ms and its value. */
  at: number;
  value: number;
}

/** Alerts for one account held back by the user (popup row or a notification's button). */
export interface Snooze {
  /** When it was snoozed (epoch ms). */
  at: number;
  /** Alerts come back at this time; null: until it is topped up. */
  until: number | null;
  /** The balance when snoozed (decimal string): any rise above it is a top-up and ends the snooze. */
  from: string | null;
}

/** Everything the last attempts of one account left behind. */
export interface Snapshot {
  /** The last good reading; kept when later attempts fail. */
  reading: Reading | null;
  readingAt: number | null;
  lastAttemptAt: number | null;
  /** The last attempt's error; null when the last attempt succeeded. */
  error: BalanceErrorData | null;
  /** Earliest time the scheduler may try again (backoff, Retry-After); null: at the next round. */
  nextAttemptAt: number | null;
  /** Consecutive failures, for backoff. */
  failures: number;
  /** Set once a "low" notification went out; cleared when the balance is back above threshold. */
  lowNotified: boolean;
  /** Set once an auth-failure notification went out; cleared on the next good reading. */
  authNotified: boolean;
  /** Set once a run-out warning went out; cleared when the forecast no longer says so. */
  runOutNotified?: boolean;
  /**
   * The alert events (lib/alerts/event.ts) already handed to the team channels for the crossings
   * in force, set whether or not desktop notices are on; a kind leaves when its condition clears.
   * The *Notified flags above remember the desktop notices alone (lib/engine/notify.ts).
   */
  alertsSent?: ('low' | 'run-out' | 'sign-in')[];
  /** The fitted spend rate; null or absent when the history gives no confident forecast. */
  trend?: Trend | null;
  /** Present while the user has snoozed this account's alerts. */
  snooze?: Snooze | null;
  /**
   * When the user will be locked out unless they act (epoch ms), copied out of local:secrets by
   * the engine so the pages can warn without reading a secret; null when unknown or never.
   * Optional because snapshots stored before this field existed are still valid.
   */
  tokenExpiresAt?: number | null;
}

export type Snapshots = Record<string, Snapshot>;

export interface HistoryPoint {
  /** epoch ms */
  t: number;
  /** primary amount, decimal string */
  v: string;
}

export type History = Record<string, HistoryPoint[]>;

/** The background's live state the pages show (badge "…", disabled Refresh now, "off"). */
export interface EngineStatus {
  roundRunning: boolean;
  /** True until the first round after install or browser start has finished. */
  firstRound: boolean;
  online: boolean;
  lastRoundAt: number | null;
}

export function emptySnapshot(): Snapshot {
  return {
    reading: null,
    readingAt: null,
    lastAttemptAt: null,
    error: null,
    nextAttemptAt: null,
    failures: 0,
    lowNotified: false,
    authNotified: false,
    tokenExpiresAt: null,
  };
}
