import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtensionPage } from '../../scripts/lib/extension-page';
import { importSettingsThroughOptions } from '../../scripts/lib/import-settings';
import { type Harness, settingsFileOf, startHarness } from './support/harness';
import { accountIdByName, refreshNow } from './support/popup';

/**
 * Issue 15: a balance that keeps falling is warned about before it is low. The simulator's wallet
 * falls over several rounds; its earlier hours are seeded into history (a browser test cannot
 * wait hours), the engine fits the spend after each good reading, and the popup row says when it
 * goes below its threshold, in the warning colour, while the badge counts it.
 */

const HOUR = 60 * 60_000;
const WALLET = {
  provider: 'onlinesales' as const,
  id: 'os-1',
  name: 'Ads wallet',
  balance: '1300',
  lowThreshold: '500',
  token: 'FAKE-os-token',
  merchantId: 'M-1',
  merchantType: 'seller' as const,
  marketplaceClientId: 110600,
  currency: 'INR',
  totalCredit: '10000',
};

interface Seed {
  accountId: string;
  unit: string;
  points: { t: number; v: string }[];
}

/**
 * Puts earlier readings into the history database as the writer stores them (the raw tier's day
 * chunks, lib/storage/history-db.ts), merged with what the rounds wrote.
 */
function seedHistory(page: ExtensionPage, seed: Seed): Promise<void> {
  return page.evaluate(async ({ accountId, unit, points }) => {
    const DAY = 24 * 60 * 60_000;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('balance-watch-history');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const chunks = db.transaction('chunks', 'readwrite').objectStore('chunks');
    for (const point of points) {
      const start = Math.floor(point.t / DAY) * DAY;
      const key = [accountId, unit, 0, start];
      const stored = await new Promise<{ t: number[]; v: string[] } | undefined>((resolve) => {
        const request = chunks.get(key);
        request.onsuccess = () => resolve(request.result);
      });
      const chunk = stored ?? { accountId, unit, tier: 0, start, t: [], v: [] };
      const at = chunk.t.findIndex((t) => t > point.t);
      const index = at === -1 ? chunk.t.length : at;
      chunk.t.splice(index, 0, point.t);
      chunk.v.splice(index, 0, point.v);
      await new Promise((resolve) => {
        chunks.put(chunk).onsuccess = resolve;
      });
    }
    db.close();
  }, seed);
}

/** The stored reading's unit of an account, as the popup would read it. */
function readingUnit(page: ExtensionPage, accountId: string): Promise<string> {
  return page.evaluate(async (id) => {
    const api = (globalThis as unknown as { chrome: LocalApi }).chrome;
    const key = `snapshot:${id}`;
    const stored = (await api.storage.local.get(key))[key] as {
      reading: { primary: { unit: string } };
    };
    return stored.reading.primary.unit;
  }, accountId);
}

/** The row's forecast: its words, its class and whether it wears the page's warning colour. */
function forecastOf(popup: ExtensionPage, name: string) {
  return popup.evaluate((wanted) => {
    const row = [...document.querySelectorAll<HTMLElement>('li.account')].find(
      (li) => li.querySelector('.name')?.textContent === wanted,
    );
    const line = row?.querySelector<HTMLElement>('.runs-out');
    if (!row || !line) return null;
    const probe = document.createElement('span');
    probe.style.color = 'var(--warn-fg)';
    document.body.append(probe);
    const warning = getComputedStyle(probe).color;
    probe.remove();
    return {
      state: row.dataset.state,
      text: line.textContent,
      className: line.className,
      warningColour: getComputedStyle(line).color === warning,
    };
  }, name);
}

function badgeText(page: ExtensionPage): Promise<string> {
  return page.evaluate(() => {
    const api = (globalThis as unknown as { chrome: ActionApi }).chrome;
    return api.action.getBadgeText({});
  });
}

interface LocalApi {
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
}

interface ActionApi {
  action: { getBadgeText(details: object): Promise<string> };
}

describe('a balance running out', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ suite: 'run-out', data: { accounts: [WALLET] } });
  });
  afterAll(async () => h?.close());

  it('is warned about in the popup before it is low, in the warning colour', async () => {
    const options = await h.open('options.html');
    await importSettingsThroughOptions(options, settingsFileOf(h.sim));
    const popup = await h.open('popup.html');
    await refreshNow(popup);
    const accountId = await accountIdByName(popup, WALLET.name);
    const unit = await readingUnit(popup, accountId);

    // The hours before the first reading (1 300): 1 500 three hours ago, 1 400 two hours ago.
    const now = Date.now();
    await seedHistory(popup, {
      accountId,
      unit,
      points: [
        { t: now - 3 * HOUR, v: '1500' },
        { t: now - 2 * HOUR, v: '1400' },
      ],
    });
    // Then it keeps falling, round after round; each round fits the spend again.
    for (const balance of ['1200', '1100', '1000']) {
      h.sim.control.setBalance(WALLET.id, balance);
      await refreshNow(popup);
    }

    await popup.reload();
    await popup.waitFor({ css: 'li.account .runs-out', text: /Below threshold in ~/ });
    const forecast = await forecastOf(popup, WALLET.name);
    // 1 000 left, its threshold 500: below it in hours, empty in about twice as long.
    expect(forecast?.text).toMatch(/^Below threshold in ~\d+h · empty in ~\d+h$/);
    expect(forecast?.className).toBe('runs-out warning');
    expect(forecast?.warningColour).toBe(true);
    expect(forecast?.state).toBe('running-out');
    // Not low yet, but counted on the badge like a low one.
    expect(await badgeText(popup)).toBe('1');
    await h.screenshot(popup, 'popup-running-out');
  });
});
