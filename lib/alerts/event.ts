import type { Amount } from '@/lib/money';
import type { ProviderId } from '@/lib/providers/catalog';

/**
 * What the engine tells the user about, one kind per crossing, once: the desktop notifications
 * (lib/engine/notify.ts) and the team's webhook destinations (lib/alerts/) say the same events,
 * each in its own format. Built by the engine from lib/status.ts, never from raw stores.
 */
export type AlertKind = 'low' | 'run-out' | 'sign-in' | 'digest';

/** One account's line in an alert: what a one- or two-line message names. */
export interface AlertAccount {
  accountId: string;
  name: string;
  provider: ProviderId;
  /** The last good reading's primary amount; null before the first. */
  amount: Amount | null;
  /** The threshold in force (decimal string in the amount's unit); null: none. */
  threshold: string | null;
  /** From the status's forecast; null when there is no confident forecast. */
  thresholdAt: number | null;
  zeroAt: number | null;
  /** Why reading it fails (the error's message), for sign-in alerts and the digest. */
  problem: string | null;
  /** Where the wallet is funded; offered when low or running out. */
  topUpUrl: string | null;
}

export interface AccountAlert {
  kind: 'low' | 'run-out' | 'sign-in';
  /** epoch ms */
  at: number;
  account: AlertAccount;
}

/** The daily digest: the totals and what needs a look. */
export interface DigestAlert {
  kind: 'digest';
  at: number;
  totals: Amount[];
  low: AlertAccount[];
  failing: AlertAccount[];
  runningOut: AlertAccount[];
}

export type AlertEvent = AccountAlert | DigestAlert;
