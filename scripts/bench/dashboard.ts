import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chunkStart, type PointColumns, TIERS } from '../../lib/history';
import type { ChunkRecord, SeriesRecord } from '../../lib/storage/history-db';
import { HISTORY_DB_NAME } from '../../lib/storage/history-db';
import { liveWorker } from '../lib/extension-state';
import { launchExtension } from '../lib/launch-extension';
import { median } from './stats';

/**
 * Measurement: the dashboard's first screen of charts with 500 accounts and a year of history,
 * against a plain page that reads the same data from the same store (IndexedDB) and lists it.
 * Budget: the dashboard paints within 2x the plain page. Both are loaded several times after one
 * unmeasured warm-up, in a copy of the production build that has the plain page added.
 */

const DASHBOARD_ACCOUNTS = 500;
const DAY = 24 * 60 * 60_000;
const ROUND = 15 * 60_000;
const UNITS = ['USD', 'EUR', 'INR'];
const TIMEOUT_MS = 120_000;
/** The dashboard's default range (lib/view/dashboard.ts DEFAULT_RANGE). */
const RANGE_MS = 30 * DAY;

export interface DashboardFigures {
  accounts: number;
  /** Points stored across all series. */
  points: number;
  dashboardMs: number[];
  plainMs: number[];
  dashboardMedianMs: number;
  plainMedianMs: number;
  /** dashboard / plain; the budget is 2. */
  ratio: number;
  /** Charts drawn on the first screen (canvas elements). */
  chartsDrawn: number;
}

/** A falling balance with a top-up every 30 days, as a year of 15-minute rounds would leave it. */
function balanceAt(n: number, t: number, now: number): string {
  const sinceTopUp = (now - t) % (30 * DAY);
  return (10_000 + n + sinceTopUp / (60 * 60_000)).toFixed(2);
}

/** One tier's points from `from` to `to`, every `stepMs`. */
function tierPoints(n: number, from: number, to: number, stepMs: number, now: number) {
  const points: PointColumns = { t: [], v: [] };
  for (let t = from; t < to; t += stepMs) {
    points.t.push(t);
    points.v.push(balanceAt(n, t, now));
  }
  return points;
}

/**
 * A year of one account's history as the writer would have left it after compaction (every
 * reading in the newest raw chunks, hourly, then daily), in lib/storage/history-db.ts's records.
 */
function yearOfChunks(accountId: string, unit: string, n: number, now: number): ChunkRecord[] {
  const [raw, hourly, daily] = TIERS as [(typeof TIERS)[0], (typeof TIERS)[0], (typeof TIERS)[0]];
  const rawFrom = chunkStart(now - raw.keepMs, raw);
  const hourlyFrom = chunkStart(now - hourly.keepMs, hourly);
  const runs = [
    { tier: 2, spec: daily, points: tierPoints(n, now - 365 * DAY, hourlyFrom, DAY, now) },
    { tier: 1, spec: hourly, points: tierPoints(n, hourlyFrom, rawFrom, 60 * 60_000, now) },
    { tier: 0, spec: raw, points: tierPoints(n, rawFrom, now, ROUND, now) },
  ];
  const chunks = new Map<string, ChunkRecord>();
  for (const { tier, spec, points } of runs) {
    points.t.forEach((t, i) => {
      const start = chunkStart(t, spec);
      const key = `${tier}:${start}`;
      const chunk = chunks.get(key) ?? { accountId, unit, tier, start, t: [], v: [] };
      chunk.t.push(t);
      chunk.v.push(points.v[i] as string);
      chunks.set(key, chunk);
    });
  }
  return [...chunks.values()];
}

function fleet(now: number) {
  const accounts = Array.from({ length: DASHBOARD_ACCOUNTS }, (_, n) => ({
    id: `acct-${n}`,
    provider: 'onlinesales',
    name: `Wallet ${String(n).padStart(3, '0')}`,
    baseUrl: 'https://services.onlinesales.ai',
    params: { merchantId: `TOQ-${n}`, merchantType: 'seller', marketplaceClientId: 110600 },
    lowThreshold: '9000',
    // Off: the dashboard shows them all the same, and no round runs while measuring.
    enabled: false,
    createdAt: now - 400 * DAY,
    unit: UNITS[n % UNITS.length] as string,
  }));
  const snapshots = Object.fromEntries(
    accounts.map((a, n) => [
      a.id,
      {
        reading: {
          primary: { value: balanceAt(n, now, now), unit: a.unit },
          details: [],
          warnings: [],
        },
        readingAt: now,
        lastAttemptAt: now,
        error: null,
        nextAttemptAt: null,
        failures: 0,
        lowNotified: false,
        authNotified: false,
      },
    ]),
  );
  return {
    accounts: accounts.map(({ unit: _unit, ...account }) => account),
    units: accounts.map((a) => a.unit),
    snapshots,
  };
}

/** Writes records into the history database from an extension page (the origin that owns it). */
async function putRecords(page: Page, store: 'chunks' | 'series', records: unknown[]) {
  await page.evaluate(
    async ({ name, store, records }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction(store, 'readwrite');
      for (const record of records) tx.objectStore(store).put(record);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { name: HISTORY_DB_NAME, store, records },
  );
}

/**
 * The plain page: the same reads as lib/storage/history-read.ts (every series, then each tier's
 * chunks in the range), written with the bare IndexedDB API, and a list of what it read.
 * Serialised into the build copy; it runs as the page's only script.
 */
function plainPage(config: { name: string; from: number; to: number; chunkMs: number[] }) {
  const request = indexedDB.open(config.name);
  const all = <T>(r: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  request.onsuccess = async () => {
    const tx = request.result.transaction(['series', 'chunks'], 'readonly');
    const series = await all(tx.objectStore('series').getAll());
    const counts = await Promise.all(
      series.map(async (s: { accountId: string; unit: string }) => {
        let points = 0;
        for (let tier = 0; tier < config.chunkMs.length; tier++) {
          const size = config.chunkMs[tier] as number;
          const first = Math.floor(config.from / size) * size;
          const range = IDBKeyRange.bound(
            [s.accountId, s.unit, tier, first],
            [s.accountId, s.unit, tier, config.to],
          );
          const chunks = await all(tx.objectStore('chunks').getAll(range));
          for (const chunk of chunks)
            points += chunk.t.filter((t: number) => t >= config.from && t <= config.to).length;
        }
        return `${s.accountId} ${s.unit}: ${points}`;
      }),
    );
    const list = document.createElement('ul');
    list.append(
      ...counts.map((text) => Object.assign(document.createElement('li'), { textContent: text })),
    );
    document.body.append(list);
    requestAnimationFrame(() => setTimeout(() => performance.mark('plain-painted')));
  };
}

function addPlainPage(buildDir: string, now: number): void {
  const config = {
    name: HISTORY_DB_NAME,
    from: now - RANGE_MS,
    to: now + DAY,
    chunkMs: TIERS.map((tier) => tier.chunkMs),
  };
  // tsx keeps function names with __name(); the page has no such helper.
  const script = `globalThis.__name ??= (f) => f;\n(${plainPage.toString()})(${JSON.stringify(config)});\n`;
  writeFileSync(join(buildDir, 'bench-plain.js'), script);
  writeFileSync(
    join(buildDir, 'bench-plain.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>plain</title></head><body><script src="bench-plain.js"></script></body></html>',
  );
}

async function timeLoads(page: Page, url: string, mark: string, loads: number): Promise<number[]> {
  const times: number[] = [];
  for (let load = 0; load <= loads; load++) {
    await page.goto(url);
    const handle = await page.waitForFunction(
      (name) => performance.getEntriesByName(name)[0]?.startTime ?? false,
      mark,
      { timeout: TIMEOUT_MS },
    );
    if (load > 0) times.push((await handle.jsonValue()) as number);
  }
  return times;
}

async function seed(
  page: Page,
  context: Parameters<typeof liveWorker>[0],
  extensionId: string,
  now: number,
) {
  const { accounts, units, snapshots } = fleet(now);
  const worker = await liveWorker(context, extensionId);
  await worker.evaluate(
    async (items) => {
      const api = (
        globalThis as unknown as {
          chrome: { storage: { local: { set(i: unknown): Promise<void> } } };
        }
      ).chrome;
      await api.storage.local.set(items);
    },
    {
      accounts,
      snapshots,
      settings: {
        refreshMinutes: 180,
        badge: 'off',
        notifications: false,
        defaultLowThreshold: null,
      },
    },
  );
  let points = 0;
  for (let from = 0; from < accounts.length; from += 25) {
    const chunks = accounts
      .slice(from, from + 25)
      .flatMap((a, i) => yearOfChunks(a.id, units[from + i] as string, from + i, now));
    points += chunks.reduce((sum, chunk) => sum + chunk.t.length, 0);
    await putRecords(page, 'chunks', chunks);
  }
  const series: SeriesRecord[] = accounts.map((a, n) => ({
    accountId: a.id,
    unit: units[n] as string,
    last: now - ROUND,
    lastValue: balanceAt(n, now - ROUND, now),
    compactedAt: now,
  }));
  await putRecords(page, 'series', series);
  return points;
}

async function measureDashboard(extensionDir: string, loads: number): Promise<DashboardFigures> {
  const scratch = mkdtempSync(join(tmpdir(), 'balance-watch-dashboard-'));
  const buildDir = join(scratch, 'build');
  cpSync(extensionDir, buildDir, { recursive: true });
  const now = Date.now();
  addPlainPage(buildDir, now);
  const ext = await launchExtension({ extensionPath: buildDir });
  try {
    const page = await ext.context.newPage();
    // The dashboard opens (and so creates) the database; the year is written into it.
    await page.goto(ext.url('dashboard.html'));
    await page.waitForFunction(
      () =>
        performance.getEntriesByName('dashboard-painted').length > 0 ||
        document.querySelector('[role=status]'),
    );
    const points = await seed(page, ext.context, ext.extensionId, now);
    const dashboardMs = await timeLoads(
      page,
      ext.url('dashboard.html'),
      'dashboard-painted',
      loads,
    );
    const chartsDrawn = await page.locator('.chart canvas').count();
    const cards = await page.locator('article.series').count();
    if (cards < DASHBOARD_ACCOUNTS)
      throw new Error(`dashboard: ${cards} charts listed, ${DASHBOARD_ACCOUNTS} accounts stored`);
    const plainMs = await timeLoads(page, ext.url('bench-plain.html'), 'plain-painted', loads);
    const listed = await page.locator('li').count();
    if (listed !== DASHBOARD_ACCOUNTS) throw new Error(`plain page: ${listed} series read`);
    const dashboardMedianMs = median(dashboardMs);
    const plainMedianMs = median(plainMs);
    return {
      accounts: DASHBOARD_ACCOUNTS,
      points,
      dashboardMs,
      plainMs,
      dashboardMedianMs,
      plainMedianMs,
      ratio: dashboardMedianMs / plainMedianMs,
      chartsDrawn,
    };
  } finally {
    await ext.close().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The budget: the dashboard's first screen within this many times the plain page's. */
const DASHBOARD_BUDGET_RATIO = 2;

/** `npm run bench -- --only dashboard`: measures and prints one line with the budget's verdict. */
export async function benchDashboard(
  extensionDir: string,
  loads: number,
  log: (text: string) => void,
): Promise<DashboardFigures> {
  log(
    `dashboard first screen, ${DASHBOARD_ACCOUNTS} accounts with a year of history, ${loads} loads…`,
  );
  const figures = await measureDashboard(extensionDir, loads);
  const pass = figures.ratio <= DASHBOARD_BUDGET_RATIO;
  log(
    `dashboard: ${figures.dashboardMedianMs.toFixed(0)} ms, plain page ${figures.plainMedianMs.toFixed(0)} ms ` +
      `(${figures.points.toLocaleString('en')} points) = ${figures.ratio.toFixed(2)}x, ` +
      `budget ${DASHBOARD_BUDGET_RATIO}x: ${pass ? 'pass' : 'FAIL'}`,
  );
  return figures;
}
