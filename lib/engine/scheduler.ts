import { browser } from '#imports';
import type { Refresher } from './refresh';
import type { RoundResult } from './round';
import type { EngineStatus, Snapshots } from './state';
import { engineStatusItem, settingsItem } from './storage';
import { readSettings } from './storage-guard';

/**
 * When rounds run: a periodic alarm at the user's interval, plus install, browser start, the
 * network coming back, and an earlier one-shot alarm when a provider asked us to come back sooner
 * than the next periodic round (Retry-After, a short backoff).
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
export function earliestRetry(snapshots: Snapshots, now: number): number | undefined {
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

async function setOnline(online: boolean): Promise<void> {
  const status: EngineStatus = await engineStatusItem.getValue();
  if (status.online !== online) await engineStatusItem.setValue({ ...status, online });
}

/** Where the worker's "online" / "offline" events arrive (the service worker's global scope). */
export type NetworkEvents = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

export interface SchedulerDeps {
  refresher: Refresher;
  now: () => number;
  network?: NetworkEvents;
  /** After a round and after connectivity changes, so the badge follows. */
  refreshBadge: () => Promise<void>;
}

export interface Scheduler {
  /** A background round (not a user request): skips if another worker's round is live. */
  runRound(): Promise<RoundResult>;
  /** Removes every listener; for tests, which register once per case. */
  dispose(): void;
}

/**
 * Registers every trigger synchronously: MV3 may start the worker for any of these events, and a
 * listener added after an await would miss the event that woke it.
 */
export function registerScheduler(deps: SchedulerDeps): Scheduler {
  const disposers: (() => void)[] = [];

  // The retry alarm is set after every round by the refresher itself (RefresherDeps.afterRound).
  function runRound(): Promise<RoundResult> {
    return deps.refresher.refresh({});
  }

  async function restart(): Promise<void> {
    const settings = await readSettings();
    await resetRefreshAlarm(settings.refreshMinutes);
    await runRound();
  }

  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === REFRESH_ALARM || alarm.name === RETRY_ALARM) {
      return runRound().then(() => undefined, logError);
    }
    return undefined;
  };
  browser.alarms.onAlarm.addListener(onAlarm);
  disposers.push(() => browser.alarms.onAlarm.removeListener(onAlarm));

  // Install and update both arrive here; the alarm survives an update but not an uninstall.
  const onInstalled = () => restart().catch(logError);
  browser.runtime.onInstalled.addListener(onInstalled);
  disposers.push(() => browser.runtime.onInstalled.removeListener(onInstalled));

  const onStartup = () => restart().catch(logError);
  browser.runtime.onStartup.addListener(onStartup);
  disposers.push(() => browser.runtime.onStartup.removeListener(onStartup));

  const network = deps.network ?? defaultNetworkEvents();
  if (network) {
    const onOnline = () => {
      void setOnline(true).then(deps.refreshBadge).then(runRound).catch(logError);
    };
    const onOffline = () => {
      void setOnline(false).then(deps.refreshBadge).catch(logError);
    };
    network.addEventListener('online', onOnline);
    network.addEventListener('offline', onOffline);
    disposers.push(() => network.removeEventListener('online', onOnline));
    disposers.push(() => network.removeEventListener('offline', onOffline));
  }

  // Every path that changes the interval (options page, import) ends in this store.
  const unwatch = settingsItem.watch((next, previous) => {
    if (next && next.refreshMinutes !== previous?.refreshMinutes) {
      resetRefreshAlarm(next.refreshMinutes).catch(logError);
    }
  });
  disposers.push(unwatch);

  return {
    runRound,
    dispose() {
      for (const dispose of disposers.splice(0)) dispose();
    },
  };
}

function defaultNetworkEvents(): NetworkEvents | undefined {
  const scope = globalThis as Partial<NetworkEvents>;
  return typeof scope.addEventListener === 'function' ? (scope as NetworkEvents) : undefined;
}

function logError(error: unknown): void {
  console.error('[balance-watch] scheduler', error);
}
