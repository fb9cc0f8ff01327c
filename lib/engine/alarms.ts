import { browser } from '#imports';
import type { Snapshots } from '@/lib/state';

/**
 * The extension's two alarms: the periodic round at the user's interval, and a one-shot one when a
 * provider asked us to come back sooner (Retry-After, a short backoff).
 */

export const REFRESH_ALARM = 'balance-watch:refresh';
export const RETRY_ALARM = 'balance-watch:retry';
/** Chrome does not fire alarms sooner than 30 s after they are set. */
const MIN_ALARM_DELAY_MS = 30_000;

/** Restarts the countdown: only for install, update, browser start and an interval change. */
export async function resetRefreshAlarm(minutes: number): Promise<void> {
  await browser.alarms.create(REFRESH_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
}

/**
 * On any worker start. Re-creating an existing alarm would restart its countdown, and a worker
 * woken more often than the interval would then never see it fire, so only a missing alarm or
 * one at the wrong interval is (re)created.
 */
export async function ensureRefreshAlarm(minutes: number): Promise<void> {
  const alarm = await browser.alarms.get(REFRESH_ALARM);
  if (!alarm || alarm.periodInMinutes !== minutes) await resetRefreshAlarm(minutes);
}

/** The earliest future retry any account waits for, or undefined. */
function earliestRetry(snapshots: Snapshots, now: number): number | undefined {
  let earliest: number | undefined;
  for (const snapshot of Object.values(snapshots)) {
    const at = snapshot.nextAttemptAt;
    if (at !== null && at > now && (earliest === undefined || at < earliest)) earliest = at;
  }
  return earliest;
}

/** A one-shot alarm for a retry due before the next periodic round; cleared when none is. */
export async function scheduleRetryAlarm(snapshots: Snapshots, now: number): Promise<void> {
  const retryAt = earliestRetry(snapshots, now);
  const periodic = await browser.alarms.get(REFRESH_ALARM);
  if (retryAt === undefined || (periodic && retryAt >= periodic.scheduledTime)) {
    await browser.alarms.clear(RETRY_ALARM);
    return;
  }
  await browser.alarms.create(RETRY_ALARM, { when: Math.max(retryAt, now + MIN_ALARM_DELAY_MS) });
}
