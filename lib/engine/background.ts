import { browser } from '#imports';
import { ensureRefreshAlarm } from '@/lib/engine/alarms';
import { emitAlerts, onAlertEvents } from '@/lib/engine/alert-listeners';
import { createCommandHandlers, registerCommands } from '@/lib/engine/commands';
import { ensureDigestAlarm, registerDigest } from '@/lib/engine/digest-alarm';
import { handleNotificationButton, handleNotificationClick } from '@/lib/engine/notify';
import { createRefresher, defaultRefresherDeps } from '@/lib/engine/refresh';
import { refreshBadgeFromStores } from '@/lib/engine/round-effects';
import { takeOverFromDeadWorker } from '@/lib/engine/round-lease';
import { registerScheduler } from '@/lib/engine/scheduler';
import { createSessionTokenCache } from '@/lib/engine/token-cache';
import { deliverAlerts } from '@/lib/engine/webhooks';
import { migrateHistory } from '@/lib/storage/writers/history';
import { ensurePopupSummary } from '@/lib/storage/writers/popup-summary';
import { readSettings } from '@/lib/storage/writers/settings';

/**
 * The background's dependency assembly: builds the engine's parts and registers every listener.
 * Everything up to the last listener runs synchronously: MV3 may start the worker for any of them,
 * and a listener added after an await would miss the event that woke it.
 */
export function startBackground(): void {
  const tokenCache = createSessionTokenCache();
  const base = defaultRefresherDeps({ tokenCache });
  // Started before any listener can ask for a round; every round waits for it (round-lease).
  const deps = { ...base, ready: takeOverFromDeadWorker(base) };
  const refresher = createRefresher(deps);
  const refreshBadge = () => refreshBadgeFromStores(deps.now());

  registerScheduler({ refresher, now: deps.now, refreshBadge });
  registerDigest({ now: deps.now, deliver: emitAlerts });
  registerCommands(
    createCommandHandlers({
      refresher,
      now: deps.now,
      newId: () => crypto.randomUUID(),
      createHttp: deps.createHttp,
      getProvider: deps.getProvider,
      tokenCache,
      hostAccess: deps.hostAccess,
      refreshBadge,
      testDeadlineMs: deps.accountDeadlineMs,
    }),
  );
  browser.notifications.onClicked.addListener((id) => {
    void handleNotificationClick(id);
  });
  // Chrome only: Firefox has no notification buttons (lib/engine/notify.ts sends it none).
  browser.notifications.onButtonClicked?.addListener((id, index) => {
    void handleNotificationButton(id, index, deps.now());
  });
  // The alert pipeline (lib/engine/alert-listeners.ts): the rounds' crossings and the digest
  // reach the team channels through here.
  onAlertEvents((events) => deliverAlerts(events));

  // After the listeners: make sure the alarm exists and the badge no longer shows a dead round.
  void (async () => {
    await deps.ready;
    const settings = await readSettings();
    await ensureRefreshAlarm(settings.refreshMinutes);
    // Firefox forgets alarms on restart; Chrome keeps them (and fires a missed one now).
    await ensureDigestAlarm(settings.digestTime, deps.now());
    await refreshBadge();
    // The old local:history moves into IndexedDB once, before the first round needs it.
    await migrateHistory(deps.now());
    // What the popup's first paint reads, where an earlier version left none.
    await ensurePopupSummary();
  })().catch((error) => console.error('[balance-watch] worker start', error));
}
