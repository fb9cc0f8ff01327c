import { browser } from '#imports';
import { REFRESH_ALARM, RETRY_ALARM, resetRefreshAlarm } from '@/lib/engine/alarms';
import type { Refresher } from '@/lib/engine/refresh';
import type { RoundResult } from '@/lib/engine/round';
import { updateEngineStatus } from '@/lib/storage/writers/engine-status';
import { readSettings, watchSettings } from '@/lib/storage/writers/settings';

/**
 * When rounds run: a periodic alarm at the user's interval, plus install, browser start, the
 * network coming back, and an earlier one-shot alarm when a provider asked us to come back sooner
 * than the next periodic round (Retry-After, a short backoff).
 */

async function setOnline(online: boolean): Promise<void> {
  await updateEngineStatus((status) => (status.online === online ? status : { ...status, online }));
}

/** Where the worker's "online" / "offline" events arrive (the service worker's global scope). */
type NetworkEvents = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

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
  const unwatch = watchSettings((next, previous) => {
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
