import { applyBadge, badgeFor } from '@/lib/engine/badge';
import { notificationsFor, showNotices } from '@/lib/engine/notify';
import { appendReadings } from '@/lib/history';
import type { Reading } from '@/lib/providers/types';
import type { Account, Settings, Snapshots } from '@/lib/state';
import { accountStatuses } from '@/lib/status';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { readEngineStatus } from '@/lib/storage/writers/engine-status';
import { updateHistory } from '@/lib/storage/writers/history';
import { readSettings } from '@/lib/storage/writers/settings';
import { readSnapshots } from '@/lib/storage/writers/snapshots';

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
   * Pure: the snapshots with their "notified" flags updated for crossings between `previous` and
   * `next`, and a function that shows the notices. Runs inside the round's final write.
   */
  notices(
    previous: Snapshots,
    next: Snapshots,
    accounts: readonly Account[],
    settings: Settings,
  ): { snapshots: Snapshots; show: () => Promise<void> };
  appendReadings(readings: readonly ReadingRecord[]): Promise<void>;
  /** Badge and tooltip from the stores as they are now, or from `known` when just read. */
  refreshBadge(known?: BadgeStores): Promise<void>;
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
  await applyBadge(badgeFor({ statuses, engine, settings }));
}

/** The effects the extension uses: lib/notify, lib/history and lib/badge. */
export function defaultRoundEffects(now: () => number): RoundEffects {
  return {
    notices(previous, next, accounts, settings) {
      const { toShow, nextSnapshots } = notificationsFor(previous, next, accounts, settings);
      return { snapshots: nextSnapshots, show: () => showNotices(toShow) };
    },
    async appendReadings(readings) {
      // Accounts are read inside the history lock: a delete drops the account before its
      // history, so a reading of an account deleted meanwhile cannot bring its series back.
      await updateHistory(async (history) => {
        const liveIds = new Set((await readAccounts()).map((account) => account.id));
        const points = readings
          .filter(({ accountId }) => liveIds.has(accountId))
          .map(({ accountId, at, reading }) => ({ accountId, t: at, v: reading.primary.value }));
        return appendReadings(history, points);
      });
    },
    refreshBadge: (known) => refreshBadgeFromStores(now(), known),
  };
}
