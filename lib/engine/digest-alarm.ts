import { browser } from '#imports';
import { nextDigestAt } from '@/lib/digest-time';
import { type DeliverAlerts, sendDigest } from '@/lib/engine/digest';
import { readSettings, watchSettings } from '@/lib/storage/writers/settings';

/**
 * The daily digest's alarm: one-shot, at the next local occurrence of settings.digestTime, set
 * again each time it fires (a periodic alarm of 24 h would drift an hour at every DST change).
 * Set when the setting changes, cleared when the digest is turned off, and ensured at every
 * worker start: Chrome keeps alarms across a browser restart (and fires a missed one once at
 * the next start), Firefox does not.
 */

export const DIGEST_ALARM = 'balance-watch:digest';

/** The alarm at the next digest time after `now`, or none when the digest is off. */
async function scheduleDigestAlarm(time: string | null, now: number): Promise<void> {
  if (time === null) {
    await browser.alarms.clear(DIGEST_ALARM);
    return;
  }
  await browser.alarms.create(DIGEST_ALARM, { when: nextDigestAt(now, time) });
}

/**
 * On any worker start. An alarm already due is kept: it is a digest the browser missed while
 * closed, which Chrome fires once now. One at the next digest time is kept too; anything else
 * (none, after a Firefox restart, or a stale time) is set again.
 */
export async function ensureDigestAlarm(time: string | null, now: number): Promise<void> {
  const alarm = await browser.alarms.get(DIGEST_ALARM);
  if (time === null) {
    if (alarm) await browser.alarms.clear(DIGEST_ALARM);
    return;
  }
  if (alarm && (alarm.scheduledTime <= now || alarm.scheduledTime === nextDigestAt(now, time))) {
    return;
  }
  await scheduleDigestAlarm(time, now);
}

interface DigestDeps {
  now: () => number;
  deliver: DeliverAlerts;
}

/** The alarm fired: the next one first (a failure below must not end the chain), then send. */
async function onDigestAlarm(deps: DigestDeps, scheduledTime: number): Promise<void> {
  const now = deps.now();
  const { digestTime } = await readSettings();
  // From the later of the two: an alarm that fires a moment early must not be set again today.
  await scheduleDigestAlarm(digestTime, Math.max(now, scheduledTime));
  if (digestTime !== null) await sendDigest(deps.deliver, now);
}

/**
 * Registers the digest's listeners synchronously (MV3 may start the worker for its alarm);
 * returns their removal, for tests. The caller ensures the alarm once the worker is ready.
 */
export function registerDigest(deps: DigestDeps): () => void {
  const onAlarm = (alarm: { name: string; scheduledTime: number }) => {
    if (alarm.name !== DIGEST_ALARM) return undefined;
    return onDigestAlarm(deps, alarm.scheduledTime).catch(logError);
  };
  browser.alarms.onAlarm.addListener(onAlarm);
  // Every path that changes the settings (options page, import) ends in this store.
  const unwatch = watchSettings((next, previous) => {
    const time = next?.digestTime ?? null;
    if (time !== (previous?.digestTime ?? null)) {
      scheduleDigestAlarm(time, deps.now()).catch(logError);
    }
  });
  return () => {
    browser.alarms.onAlarm.removeListener(onAlarm);
    unwatch();
  };
}

function logError(error: unknown): void {
  console.error('[balance-watch] daily digest', error);
}
