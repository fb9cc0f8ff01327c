import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionPage } from '../../scripts/lib/extension-page';
import { fireAlarmSoon, liveWorker } from '../../scripts/lib/extension-state';
import { importSettingsThroughOptions } from '../../scripts/lib/import-settings';
import { type LaunchedExtension, launchExtension } from '../../scripts/lib/launch-extension';
import { expectedAccounts } from './support/expected';
import {
  EXTENSION_PATH,
  type Harness,
  IN_FIREFOX,
  REFRESH_ALARM,
  settingsFileOf,
  startHarness,
} from './support/harness';
import { refreshNow, roundFinishedAfter } from './support/popup';

/**
 * Balance history lives in IndexedDB (lib/storage/history-db.ts): rounds write it, the dashboard
 * shows it, and it outlives an extension update and a browser restart. The old local:history is
 * moved in once and leaves storage.local.
 */

type Counts = Record<string, number>;

/** Points stored per account, read in the page the way the database holds them. */
function storedPoints(page: ExtensionPage): Promise<Counts> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('balance-watch-history');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const chunks = await new Promise<{ accountId: string; t: number[] }[]>((resolve, reject) => {
      const request = db.transaction('chunks').objectStore('chunks').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    const counts: Record<string, number> = {};
    for (const chunk of chunks)
      counts[chunk.accountId] = (counts[chunk.accountId] ?? 0) + chunk.t.length;
    return counts;
  });
}

/** The keys in storage.local, as the page sees them. */
function localKeys(page: ExtensionPage): Promise<string[]> {
  return page.evaluate(async () => {
    const api = (
      globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<object> } } } }
    ).chrome;
    return Object.keys(await api.storage.local.get(null));
  });
}

describe('balance history', () => {
  let h: Harness;
  let before: Counts = {};

  beforeAll(async () => {
    h = await startHarness({ suite: 'history' });
  });
  afterAll(async () => h?.close());

  it('is written by rounds and shown on the dashboard, with no local:history', async () => {
    const options = await h.open('options.html');
    await importSettingsThroughOptions(options, settingsFileOf(h.sim));
    const popup = await h.open('popup.html');
    await refreshNow(popup);
    await refreshNow(popup);

    const dashboard = await h.ext.open('dashboard.html');
    for (const account of expectedAccounts(h.sim)) {
      await dashboard.waitFor({ role: 'heading', name: account.name });
    }
    await h.screenshot(dashboard, 'dashboard');
    before = await storedPoints(dashboard);
    expect(Object.keys(before).length).toBe(expectedAccounts(h.sim).length);
    expect(Object.values(before).every((points) => points >= 1)).toBe(true);
    expect(await localKeys(dashboard)).not.toContain('history');
  });

  it('outlives the background, and an old local:history is moved in once and removed', async () => {
    const [accountId] = Object.keys(before);
    const at = Date.now() - 2 * 60 * 60_000;
    const popup = await h.open('popup.html');
    // What a version before IndexedDB left behind; then the background stops, as it does idle.
    await popup.evaluate(
      async ({ id, t }) => {
        const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
        await api.storage.local.set({ history: { [id]: [{ t, v: '1.5' }] }, history$: { v: 1 } });
      },
      { id: accountId as string, t: at },
    );
    await h.ext.background.stop();

    // The next alarm starts it again: at start it moves the old history in, then its round adds.
    const since = Date.now();
    await fireAlarmSoon(popup, REFRESH_ALARM);
    await roundFinishedAfter(popup, since);

    const dashboard = await h.ext.open('dashboard.html');
    await expect.poll(() => localKeys(dashboard)).not.toContain('history');
    expect(await localKeys(dashboard)).not.toContain('history$');
    // One point from this round, and the old store's one point for the first account. The
    // round's append follows its end (the engine status), so it may land a moment later.
    const expected = Object.entries(before).map(
      ([id, points]) => [id, points + (id === accountId ? 2 : 1)] as const,
    );
    await expect
      .poll(async () => {
        const after = await storedPoints(dashboard);
        return expected.map(([id]) => [id, after[id]] as const);
      })
      .toEqual(expected);
  });
});

interface ChromeApi {
  storage: { local: { set(items: object): Promise<void>; get(k: null): Promise<object> } };
}

/** What a version before IndexedDB stored: an account, its last reading and 3 points of history. */
function oldVersionStores(now: number) {
  return {
    accounts: [
      {
        id: 'ads',
        provider: 'onlinesales',
        name: 'Ads wallet',
        baseUrl: 'https://services.onlinesales.ai',
        params: { merchantId: 'TOQ-15126', merchantType: 'seller', marketplaceClientId: 110600 },
        lowThreshold: '100',
        // Off, so no round adds points while the test counts them.
        enabled: false,
        createdAt: now,
      },
    ],
    snapshots: {
      ads: {
        reading: { primary: { value: '498.25', unit: 'USD' }, details: [], warnings: [] },
        readingAt: now,
        lastAttemptAt: now,
        error: null,
        nextAttemptAt: null,
        failures: 0,
        lowNotified: false,
        authNotified: false,
        tokenExpiresAt: null,
      },
    },
    history: { ads: [0, 1, 2].map((i) => ({ t: now - (3 - i) * 3_600_000, v: `${500 - i}.25` })) },
    history$: { v: 1 },
  };
}

/**
 * Chromium only: Firefox installs the build as a temporary add-on, which a restart uninstalls.
 * A copy of the build in a profile kept on disk: the old version's stores written, the browser
 * closed, the copy updated to a new version, the browser started again on the same profile.
 */
describe.skipIf(IN_FIREFOX)('balance history across an update and a browser restart', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'balance-watch-restart-'));
  const build = join(scratch, 'build');
  const profile = join(scratch, 'profile');
  let ext: LaunchedExtension | undefined;

  beforeAll(() => {
    cpSync(EXTENSION_PATH, build, { recursive: true });
  });
  afterAll(async () => {
    await ext?.close().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  });

  async function localKeysOf(launched: LaunchedExtension): Promise<string[]> {
    const worker = await liveWorker(launched.context, launched.extensionId);
    return worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      return Object.keys(await api.storage.local.get(null));
    });
  }

  /** Points per account, read on the dashboard page once it shows the account. */
  async function pointsIn(launched: LaunchedExtension): Promise<Counts> {
    const page = await launched.context.newPage();
    await page.goto(launched.url('dashboard.html'));
    await page.getByRole('heading', { name: 'Ads wallet' }).waitFor({ timeout: 30_000 });
    const counts = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const request = indexedDB.open('balance-watch-history');
        request.onsuccess = () => resolve(request.result);
      });
      const chunks = await new Promise<{ accountId: string; t: number[] }[]>((resolve) => {
        const request = db.transaction('chunks').objectStore('chunks').getAll();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return Object.fromEntries(chunks.map((chunk) => [chunk.accountId, chunk.t.length]));
    });
    await page.close();
    return counts;
  }

  it('keeps every point, moved in from local:history at the first start after the update', async () => {
    ext = await launchExtension({ extensionPath: build, userDataDir: profile });
    const worker = await liveWorker(ext.context, ext.extensionId);
    await worker.evaluate(async (stores) => {
      const api = (globalThis as unknown as { chrome: ChromeApi }).chrome;
      await api.storage.local.set(stores);
    }, oldVersionStores(Date.now()));
    await ext.close();

    // The update: a new version in the same place, the browser started again on the same profile.
    const manifestPath = join(build, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, version: '99.0.0' }));
    ext = await launchExtension({ extensionPath: build, userDataDir: profile });
    await expect
      .poll(() => pointsIn(ext as LaunchedExtension).catch(() => ({})), { timeout: 30_000 })
      .toEqual({ ads: 3 });
    await expect.poll(() => localKeysOf(ext as LaunchedExtension)).not.toContain('history');
    await ext.close();

    // And a plain restart: the same points, the new version.
    ext = await launchExtension({ extensionPath: build, userDataDir: profile });
    expect(await pointsIn(ext)).toEqual({ ads: 3 });
    const version = await (await liveWorker(ext.context, ext.extensionId)).evaluate(
      () =>
        (
          globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }
        ).chrome.runtime.getManifest().version,
    );
    expect(version).toBe('99.0.0');
  });
});
