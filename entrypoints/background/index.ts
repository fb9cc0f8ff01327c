import { browser, defineBackground } from '#imports';
import { createCommandHandlers, registerCommands } from '@/lib/commands';
import { handleNotificationClick } from '@/lib/notify';
import { createRefresher, defaultRefresherDeps } from '@/lib/refresh';
import { refreshBadgeFromStores } from '@/lib/round-effects';
import { takeOverFromDeadWorker } from '@/lib/round-lease';
import { ensureRefreshAlarm, registerScheduler } from '@/lib/scheduler';
import { readSettings } from '@/lib/storage-guard';
import { createSessionTokenCache } from '@/lib/token-cache';

export default defineBackground(() => {
  // Every listener is added synchronously below: MV3 may start this worker for any of them.
  const tokenCache = createSessionTokenCache();
  const base = defaultRefresherDeps({ tokenCache });
  // Started before any listener can ask for a round; every round waits for it (lib/round-lease).
  const deps = { ...base, ready: takeOverFromDeadWorker(base) };
  const refresher = createRefresher(deps);
  const refreshBadge = () => refreshBadgeFromStores(deps.now());

  registerScheduler({ refresher, now: deps.now, refreshBadge });
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

  // After the listeners: make sure the alarm exists and the badge no longer shows a dead round.
  void (async () => {
    await deps.ready;
    await ensureRefreshAlarm((await readSettings()).refreshMinutes);
    await refreshBadge();
  })().catch((error) => console.error('[balance-watch] worker start', error));
});
