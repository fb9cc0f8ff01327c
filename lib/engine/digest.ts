import { browser } from '#imports';
import { digestAlert, digestNotice } from '@/lib/alerts/digest';
import type { AlertEvent } from '@/lib/alerts/event';
import { localDay } from '@/lib/digest-time';
import { accountStatuses } from '@/lib/status';
import { readAccounts } from '@/lib/storage/writers/accounts';
import { claimDigestDay } from '@/lib/storage/writers/digest-sent';
import { readSettings } from '@/lib/storage/writers/settings';
import { readSnapshots } from '@/lib/storage/writers/snapshots';

/**
 * Sends the daily digest: one desktop notification (when notifications are on) and the same
 * DigestAlert to the team channels that ask for it. At most one a local day: the day is claimed
 * before anything goes out, so a digest Chrome delivers late at browser start and the one due
 * later that day, or a digest time moved after today's, do not both speak.
 */

/** The digest replaces yesterday's if it is still on screen; not `bw:`, which names accounts. */
export const DIGEST_NOTICE_ID = 'bw-digest';

/** The extension's own icon, as on every notice (lib/engine/notify.ts). */
const NOTICE_ICON_PATH = '/icons/128.png';

/** Where the digest goes besides the desktop: the team channels, fire and forget. */
export type DeliverAlerts = (events: readonly AlertEvent[]) => void;

export async function sendDigest(deliver: DeliverAlerts, now: number): Promise<void> {
  const [accounts, snapshots, settings] = await Promise.all([
    readAccounts(),
    readSnapshots(),
    readSettings(),
  ]);
  const statuses = accountStatuses(accounts, snapshots, settings, now);
  // Nothing watched: nothing to sum up, and "All balances are fine" would mislead.
  if (statuses.length === 0) return;
  if (!(await claimDigestDay(localDay(now)))) return;
  const digest = digestAlert(statuses, now);
  if (settings.notifications) {
    const { title, message } = digestNotice(digest);
    try {
      await browser.notifications.create(DIGEST_NOTICE_ID, {
        type: 'basic',
        iconUrl: browser.runtime.getURL(NOTICE_ICON_PATH),
        title,
        message,
      });
    } catch (error) {
      console.warn('[balance-watch] could not show the daily digest', error);
    }
  }
  deliver([digest]);
}
