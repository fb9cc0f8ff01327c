import { browser, defineBackground } from '#imports';
import { createCommandHandlers, registerCommands } from '@/lib/commands';
import { handleNotificationClick } from '@/lib/notify';
import { createRefresher, defaultRefresherDeps } from '@/lib/refresh';
import { refreshBadgeFromStores } from '@/lib/round-effects';
import { clearDeadRound } from '@/lib/round-lease';
import { ensureRefreshAlarm, registerScheduler } from '@/lib/scheduler';
import { readSettings } from '@/lib/storage-guard';
import { createSessionTokenCache } from '@/lib/token-cache';

export default defineBackground(() => {
  // Every listener is added synchronously below: MV3 may start this worker for any of them.
  const tokenCache = createSessionTokenCache();
  const deps = defaultRefresherDeps({ tokenCache });
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

  // After the listeners: repair what a killed worker left and make sure the alarm exists.
  void (async () => {
    await clearDeadRound(deps.leaseStore, deps.now());
    await ensureRefreshAlarm((await readSettings()).refreshMinutes);
    await refreshBadge();
  })().catch((error) => console.error('[balance-watch] worker start', error));
});
