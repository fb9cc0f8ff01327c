import type { Page } from 'playwright-core';
import type { LaunchedExtension } from '../lib/launch-extension';
import { BLANK_PAGE, PLAIN_PAGE } from './anchor-pages';
import { replaceLocalStorage } from './extension-storage';
import { median } from './stats';

/**
 * Measurement 2: time from navigation start to the first paint with the stored balances, in the
 * built extension in Chromium, median of several loads after one unmeasured warm-up load, next to
 * the anchor pages of anchor-pages.ts loaded in the same run, load for load in turn, so a busy or
 * slow machine slows page and anchor alike and their ratio is what is judged.
 * - popup and blank: the performance mark 'balances-painted' (set after the paint that shows
 *   the list, and after the blank page's first paint).
 * - options and plain: the first animation frame in which the account list holds every row,
 *   seen by a requestAnimationFrame loop the tab runs from the start of each extension page
 *   (watchRows, an init script) and set down as the performance mark 'all-rows-painted'. A poll
 *   sent from here after navigation starts only once the page has loaded and its main thread is
 *   free, so it missed the frame whenever the page was busy right after showing its rows.
 */

export type PageName = 'popup' | 'options' | 'blank' | 'plain';

interface PageSpec {
  path: string;
  signal: 'mark:balances-painted' | 'dom:all-rows-in-raf';
  /** Whether it lists the accounts (the blank page lists nothing). */
  lists: boolean;
}

const PAGES: Record<PageName, PageSpec> = {
  popup: { path: 'popup.html', signal: 'mark:balances-painted', lists: true },
  blank: { path: BLANK_PAGE, signal: 'mark:balances-painted', lists: false },
  options: { path: 'options.html', signal: 'dom:all-rows-in-raf', lists: true },
  plain: { path: PLAIN_PAGE, signal: 'dom:all-rows-in-raf', lists: true },
};

export interface PaintFigures {
  page: PageName;
  accounts: number;
  /** How "painted" was detected. */
  signal: PageSpec['signal'];
  loadsMs: number[];
  medianMs: number;
  /**
   * Median navigation start to DOMContentLoaded (module scripts fetched and run): the part of
   * the figure spent before the page's code can ask storage for anything.
   */
  domContentLoadedMs: number;
}

const ROWS = 'ul.accounts > li.account';
const TIMEOUT_MS = 60_000;
/** Between a page and the next: enough for the renderer to drop the last document. */
const SETTLE_MS = 200;

/**
 * Runs before the page's own scripts in the pages judged by their rows (`paths`; the popup and
 * the blank page mark their own paint): checks at the start of each animation frame whether the
 * list holds every row, and marks that frame once it does.
 */
function watchRows([selector, rows, paths]: readonly [string, number, string[]]): void {
  if (location.protocol !== 'chrome-extension:' || !paths.includes(location.pathname)) return;
  const check = () => {
    if (document.querySelectorAll(selector).length >= rows) {
      performance.mark('all-rows-painted');
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

async function paintedAt(tab: Page, spec: PageSpec): Promise<number> {
  const mark = spec.signal === 'mark:balances-painted' ? 'balances-painted' : 'all-rows-painted';
  const handle = await tab.waitForFunction(
    (name) => performance.getEntriesByName(name)[0]?.startTime ?? false,
    mark,
    { timeout: TIMEOUT_MS },
  );
  return (await handle.jsonValue()) as number;
}

async function loadOnce(
  tab: Page,
  url: string,
  spec: PageSpec,
  accounts: number,
): Promise<{ ms: number; domReadyMs: number }> {
  // A clean start: the last page's after-paint work (the popup's rest of the rows, Options'
  // cards a frame at a time) stopped and its document gone, as when the user opens a page.
  await tab.goto('about:blank');
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  await tab.goto(url);
  const ms = await paintedAt(tab, spec);
  if (spec.lists) {
    // The popup paints its first screen of rows, then lists the rest: wait for them (untimed).
    await tab
      .waitForFunction(
        ([selector, rows]) =>
          document.querySelectorAll(selector as string).length >= (rows as number),
        [ROWS, accounts] as const,
        { timeout: TIMEOUT_MS },
      )
      .catch(() => undefined);
    const rows = await tab.locator(ROWS).count();
    // A paint of the wrong list (empty, or a stale one) is not the figure asked for.
    if (rows !== accounts) throw new Error(`${url}: ${rows} rows painted, ${accounts} stored`);
  }
  const domReadyMs = await tab.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation');
    return (navigation as PerformanceNavigationTiming).domContentLoadedEventEnd;
  });
  return { ms, domReadyMs };
}

/**
 * Loads taken in turn, page after page, `loads` times each, all in one tab: a tab in the
 * background gets no animation frames, which would stall the paint signals. Every other round
 * of loads goes in the reverse order, so neither a page nor its anchor always comes first.
 */
export async function measurePaints(
  ext: LaunchedExtension,
  pages: readonly PageName[],
  storage: { accounts: number; items: Record<string, unknown> },
  loads: number,
): Promise<PaintFigures[]> {
  await replaceLocalStorage(ext, storage.items);
  const tab = await ext.context.newPage();
  const watched = Object.values(PAGES).flatMap((spec) =>
    spec.signal === 'dom:all-rows-in-raf' ? [`/${spec.path}`] : [],
  );
  await tab.addInitScript(watchRows, [ROWS, storage.accounts, watched] as const);
  const taken = pages.map(() => ({ loadsMs: [] as number[], domReadyMs: [] as number[] }));
  try {
    for (let load = 0; load <= loads; load += 1) {
      const order = [...pages.entries()];
      if (load % 2 === 1) order.reverse();
      for (const [i, page] of order) {
        const result = await loadOnce(
          tab,
          ext.url(PAGES[page].path),
          PAGES[page],
          storage.accounts,
        );
        if (load === 0) continue;
        taken[i]?.loadsMs.push(result.ms);
        taken[i]?.domReadyMs.push(result.domReadyMs);
      }
    }
  } finally {
    await tab.close();
  }
  return pages.map((page, i) => ({
    page,
    accounts: storage.accounts,
    signal: PAGES[page].signal,
    loadsMs: taken[i]?.loadsMs ?? [],
    medianMs: median(taken[i]?.loadsMs ?? []),
    domContentLoadedMs: median(taken[i]?.domReadyMs ?? []),
  }));
}
