import { emitAlerts } from '@/lib/engine/alert-listeners';
import { applyBadge, badgeFor } from '@/lib/engine/badge';
import { type Notice, type NoticeKind, notificationsFor, showNotices } from '@/lib/engine/notify';
import { FORECAST_WINDOW_MS, spendTrend } from '@/lib/forecast';
import { insertPoint, type PointColumns, toPoints } from '@/lib/history';
import type { Reading } from '@/lib/providers/types';
import type { Account, Settings, Snapshots, Trend } from '@/lib/state';
import { accountStatuses } from '@/lib/status';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { readEngineStatus } from '@/lib/storage/writers/engine-status';
import {
  appendHistory,
  type RecentHistory,
  readRecentHistory,
} from '@/lib/storage/writers/history';
import { readSettings } from '@/lib/storage/writers/settings';
import { readSnapshots, updateSnapshots } from '@/lib/storage/writers/snapshots';

/**
 * What a round does after its results are in: history, notifications and the badge. Behind an
 * interface so the round can be tested without them and the bench can count them.
 */

export interface ReadingRecord {
  accountId: string;
  at: number;
  reading: Reading;
}

export interface RoundEffects {
  /**
   * Pure: the snapshots with their alert memories updated for crossings between `previous` and
   * `next` (lib/engine/alert-decision.ts; cleared on recovery; a notice to show stays untold), and
   * a function that hands the alert events on and shows the notices, then marks those shown as
   * told. Runs inside the round's final write; `show` runs once it is stored.
   */
  notices(
    previous: Snapshots,
    next: Snapshots,
    accounts: readonly Account[],
    settings: Settings,
  ): { snapshots: Snapshots; show: () => Promise<void> };
  /**
   * Reads the recent history of the accounts a round is about to read (started with its
   * requests, so its last write waits for no database), and gives the function that fits each
   * read account's spend on it plus the new reading (lib/forecast.ts): its trend, or null when
   * there is no confident one. The trend follows the readings the round got, whether or not
   * their history is written; an account whose history could not be read is left out, its
   * stored trend kept as it was.
   */
  readForecastWindows(accountIds: readonly string[]): Promise<FitTrends>;
  /** Appends the readings to history (one transaction); a failure costs the round nothing. */
  appendReadings(readings: readonly ReadingRecord[]): Promise<void>;
  /** Badge and tooltip from the stores as they are now, or from `known` when just read. */
  refreshBadge(known?: BadgeStores): Promise<void>;
}

/** Each read account's fitted spend (Snapshot.trend); null: no confident forecast. */
export type Trends = ReadonlyMap<string, Trend | null>;

/** Fits the trends of a round's readings on the history read when it started. */
export type FitTrends = (readings: readonly ReadingRecord[]) => Trends;

/**
 * Each reading's trend: its series (the account's, in the reading's unit) over the window, with
 * the reading put in its place as the append will. Accounts without a window are left out.
 */
function fitTrends(recent: RecentHistory, readings: readonly ReadingRecord[], now: number): Trends {
  const trends = new Map<string, Trend | null>();
  for (const { accountId, at, reading } of readings) {
    const series = recent.get(accountId);
    if (!series) continue;
    const stored = series.get(reading.primary.unit);
    const points: PointColumns = { t: [...(stored?.t ?? [])], v: [...(stored?.v ?? [])] };
    insertPoint(points, at, reading.primary.value);
    trends.set(accountId, spendTrend(toPoints(points), now));
  }
  return trends;
}

/** The snapshots with each read account's trend; the rest of every snapshot as it is. */
export function withTrends(snapshots: Snapshots, trends: Trends): Snapshots {
  const next = { ...snapshots };
  for (const [id, trend] of trends) {
    const snapshot = next[id];
    // An unchanged trend keeps its snapshot: the round's last write then holds the snapshots
    // not written yet, not again every account the round read (issue 17).
    if (!snapshot || sameTrend(snapshot.trend, trend)) continue;
    next[id] = { ...snapshot, trend };
  }
  return next;
}

/** Absent and null both mean no forecast (Snapshot.trend). */
function sameTrend(stored: Trend | null | undefined, fitted: Trend | null): boolean {
  if (!stored || !fitted) return !stored && !fitted;
  return (
    stored.perDay === fitted.perDay && stored.at === fitted.at && stored.value === fitted.value
  );
}

/** The stores the badge is drawn from, besides the engine status. */
export interface BadgeStores {
  accounts: readonly Account[];
  snapshots: Snapshots;
  settings: Settings;
}

async function readBadgeStores(): Promise<BadgeStores> {
  const [accounts, snapshots, settings] = await Promise.all([
    readAccounts(),
    readSnapshots(),
    readSettings(),
  ]);
  return { accounts, snapshots, settings };
}

/**
 * Badge and tooltip from the stores as they are now. A round starting passes what it has just
 * read (`known`): reading and checking every account again would only delay its first request.
 */
export async function refreshBadgeFromStores(now: number, known?: BadgeStores): Promise<void> {
  const [{ accounts, snapshots, settings }, engine] = await Promise.all([
    known ?? readBadgeStores(),
    readEngineStatus(),
  ]);
  const statuses = accountStatuses(accounts, snapshots, settings, now);
  await applyBadge(badgeFor({ statuses, engine, settings, now }));
}

const TOLD: Record<NoticeKind, 'lowNotified' | 'authNotified' | 'runOutNotified'> = {
  low: 'lowNotified',
  'run-out': 'runOutNotified',
  auth: 'authNotified',
};

/** The snapshots with each notice's "told" flag set to `told`, for accounts still stored. */
function withTold(snapshots: Snapshots, notices: readonly Notice[], told: boolean): Snapshots {
  let next = snapshots;
  for (const notice of notices) {
    const snapshot = next[notice.accountId];
    if (!snapshot || snapshot[TOLD[notice.kind]] === told) continue;
    next = { ...next, [notice.accountId]: { ...snapshot, [TOLD[notice.kind]]: told } };
  }
  return next;
}

/**
 * Shows the notices, then remembers as told only those the system took. A notice that could not
 * be shown, or that a failed round never got to show, stays untold: the next round tries again.
 * A flag that cannot be stored means the notice may come twice, never that it is lost.
 */
async function showAndRemember(notices: readonly Notice[]): Promise<void> {
  if (notices.length === 0) return;
  const shown = await showNotices(notices);
  if (shown.length > 0) await updateSnapshots((snapshots) => withTold(snapshots, shown, true));
}

/** The effects the extension uses: lib/notify, lib/history and lib/badge. */
export function defaultRoundEffects(now: () => number): RoundEffects {
  return {
    notices(previous, next, accounts, settings) {
      const { toShow, events, nextSnapshots } = notificationsFor(
        previous,
        next,
        accounts,
        settings,
        { now: now() },
      );
      // Stored untold: the flags are set once the notices are shown (showAndRemember). The
      // events are stored as sent: their delivery (and its retries) is the listeners' job.
      return {
        snapshots: withTold(nextSnapshots, toShow, false),
        show: () => {
          emitAlerts(events);
          return showAndRemember(toShow);
        },
      };
    },
    async readForecastWindows(accountIds) {
      // Read from before the round's first reading: the fit cuts the window at the time it is
      // made (spendTrend), so a round that takes a while loses nothing.
      const recent = await readRecentHistory(accountIds, now() - FORECAST_WINDOW_MS, now());
      return (readings) => (recent ? fitTrends(recent, readings, now()) : new Map());
    },
    async appendReadings(readings) {
      // The writer drops readings of accounts deleted meanwhile, and a history it cannot write
      // (IndexedDB unavailable, full) costs the round nothing: it reports and carries on.
      await appendHistory(
        readings.map(({ accountId, at, reading }) => ({
          accountId,
          unit: reading.primary.unit,
          t: at,
          v: reading.primary.value,
        })),
        now(),
      );
    },
    refreshBadge: (known) => refreshBadgeFromStores(now(), known),
  };
}
