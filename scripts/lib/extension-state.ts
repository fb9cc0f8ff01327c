import type { BrowserContext, Worker } from 'playwright-core';

/**
 * What the browser shows outside the extension's pages: the toolbar badge, its tooltip and the
 * desktop notifications. Read through chrome.* in the background (the service worker, Firefox's
 * event page), or in an extension page while the background is stopped.
 */
export interface ExtensionScope {
  evaluate<R, Arg>(fn: (arg: Arg) => R | Promise<R>, arg: Arg): Promise<R>;
}

/** The few chrome.* calls these helpers make, typed here because Node has no chrome types. */
interface ChromeApis {
  action: {
    getBadgeText(details: object): Promise<string>;
    getTitle(details: object): Promise<string>;
  };
  notifications: {
    getAll(): Promise<Record<string, boolean>>;
    clear(id: string): Promise<boolean>;
  };
  alarms: {
    get(name: string): Promise<{ periodInMinutes?: number } | undefined>;
    create(name: string, info: { when: number; periodInMinutes?: number }): Promise<void>;
  };
}
declare const chrome: ChromeApis;

export interface BadgeState {
  text: string;
  tooltip: string;
}

/**
 * The extension's service worker as it runs now. Chrome stops idle workers and starts new ones,
 * so a handle taken earlier may be dead; this one is live or the next one to start.
 */
export async function liveWorker(context: BrowserContext, extensionId: string): Promise<Worker> {
  const prefix = `chrome-extension://${extensionId}/`;
  const running = context.serviceWorkers().find((worker) => worker.url().startsWith(prefix));
  if (running) return running;
  return context.waitForEvent('serviceworker', {
    predicate: (worker) => worker.url().startsWith(prefix),
    timeout: 30_000,
  });
}

export async function readBadge(worker: ExtensionScope): Promise<BadgeState> {
  return worker.evaluate(
    async () => ({
      text: await chrome.action.getBadgeText({}),
      tooltip: await chrome.action.getTitle({}),
    }),
    undefined,
  );
}

/** Ids of the notifications on screen now. */
export async function notificationIds(worker: ExtensionScope): Promise<string[]> {
  return worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()), undefined);
}

/**
 * Fires the engine's own alarm in about a second, as the browser would when its time comes. It
 * keeps its period: a background starting meanwhile re-creates a refresh alarm whose period is
 * not the user's interval (engine/alarms.ts), which would cancel this one.
 */
export async function fireAlarmSoon(worker: ExtensionScope, name: string): Promise<void> {
  await worker.evaluate(async (alarm: string) => {
    const period = (await chrome.alarms.get(alarm))?.periodInMinutes;
    await chrome.alarms.create(alarm, {
      when: Date.now() + 1000,
      ...(period ? { periodInMinutes: period } : {}),
    });
  }, name);
}

/** Dismisses every notification, as a user closing them would. */
export async function clearNotifications(worker: ExtensionScope): Promise<void> {
  await worker.evaluate(async () => {
    const ids = Object.keys(await chrome.notifications.getAll());
    await Promise.all(ids.map((id) => chrome.notifications.clear(id)));
  }, undefined);
}
