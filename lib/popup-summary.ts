import type { Account, Settings, Snapshots } from '@/lib/state';
import {
  type AccountStatus,
  accountStatuses,
  failingAccounts,
  lowAccounts,
  outOfDateAccounts,
  runningOutAccounts,
  type TotalsSummary,
  totalsSummary,
} from '@/lib/status';

/**
 * What the popup's first paint shows, derived from the stores by this one function so it cannot
 * say anything the stores do not: the totals and counts over every watched account, and the
 * accounts of the first screen of rows with their snapshots and the settings, from which the popup
 * draws those rows with the status of the moment it opens (lib/status.ts). The background keeps it
 * in `local:popupSummary`, written with every change of the stores it is derived from (the
 * round's batches in the same storage.set as the snapshots); the popup reads it alone (a few kB,
 * whatever the number of accounts) and reads the stores themselves after it painted.
 */

/** A 600 px popup shows about seven rows under its header: the first paint draws those. */
export const FIRST_SCREEN_ROWS = 7;

export interface PopupSummary {
  /** When it was derived (epoch ms): the totals and counts are as of then. */
  at: number;
  /** Every account, watched or not: tells "none yet" from "all turned off". */
  accountCount: number;
  /** Watched (enabled) accounts: the rows the popup lists in all. */
  rowCount: number;
  /** The first rows' accounts, in the popup's order, with their snapshots. */
  accounts: Account[];
  snapshots: Snapshots;
  settings: Settings;
  /**
   * A total's account names only where another total adds up the same providers: the popup
   * tells those apart by their accounts, and the list would otherwise grow with every account.
   */
  totals: TotalsSummary;
  /** `runningOut` is absent from a summary an older version stored: none counted. */
  counts: { low: number; failing: number; old: number; runningOut?: number };
}

export interface SummaryStores {
  accounts: readonly Account[];
  snapshots: Snapshots;
  settings: Settings;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function rank(status: AccountStatus): number {
  if (status.isLow) return 0;
  if (status.runningOut) return 1;
  if (status.failing) return 2;
  return 3;
}

/**
 * The popup's order: low first, then running out (low soon), then failing, then the rest; by
 * name within each group.
 */
export function popupOrder(statuses: readonly AccountStatus[]): AccountStatus[] {
  return [...statuses].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      collator.compare(a.account.name, b.account.name) ||
      a.account.id.localeCompare(b.account.id),
  );
}

function namesWhereAlike(summary: TotalsSummary): TotalsSummary {
  const providers = summary.totals.map((total) => total.providers.join());
  const totals = summary.totals.map((total, i) =>
    providers.some((other, j) => j !== i && other === providers[i])
      ? total
      : { ...total, names: [] },
  );
  return { ...summary, totals };
}

export function popupSummary(
  { accounts, snapshots, settings }: SummaryStores,
  at: number,
  rows = FIRST_SCREEN_ROWS,
): PopupSummary {
  const statuses = accountStatuses(accounts, snapshots, settings, at);
  const first = popupOrder(statuses)
    .slice(0, rows)
    .map((status) => status.account);
  return {
    at,
    accountCount: accounts.length,
    rowCount: statuses.length,
    accounts: first,
    snapshots: Object.fromEntries(
      first.flatMap((account) => {
        const snapshot = snapshots[account.id];
        return snapshot ? [[account.id, snapshot]] : [];
      }),
    ),
    settings,
    totals: namesWhereAlike(totalsSummary(statuses)),
    counts: {
      low: lowAccounts(statuses).length,
      failing: failingAccounts(statuses).length,
      old: outOfDateAccounts(statuses).length,
      runningOut: runningOutAccounts(statuses).length,
    },
  };
}
