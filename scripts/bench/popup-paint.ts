import type { LaunchedExtension } from '../lib/launch-extension';
import { replaceLocalStorage } from './extension-storage';
import { median } from './stats';

/**
 * Measurement 2: time from navigation start to the first paint with the stored balances, in the
 * built extension in Chromium, median of several loads after one unmeasured warm-up load.
 * - popup: the popup's own performance mark 'balances-painted' (set in an effect, so after
 *   the paint that shows the list).
 * - options: it sets no mark, so the time is taken in the first animation frame in which its
 *   account list holds every row (waitForFunction polling on requestAnimationFrame).
 */

export type PageName = 'popup' | 'options';

export interface PaintFigures {
  page: PageName;
  accounts: number;
  /** How "painted" was detected. */
  signal: 'mark:balances-painted' | 'dom:all-rows-in-raf';
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

export async function measurePaint(
  ext: LaunchedExtension,
  page: PageName,
  storage: { accounts: number; items: Record<string, unknown> },
  loads: number,
): Promise<PaintFigures> {
  await replaceLocalStorage(ext, storage.items);
  const tab = await ext.context.newPage();
  const loadsMs: number[] = [];
  const domReadyMs: number[] = [];
  try {
    for (let load = 0; load <= loads; load += 1) {
      await tab.goto(ext.url(`${page}.html`));
      const handle =
        page === 'popup'
          ? await tab.waitForFunction(
              () => performance.getEntriesByName('balances-painted')[0]?.startTime ?? false,
              undefined,
              { timeout: TIMEOUT_MS },
            )
          : await tab.waitForFunction(
              ([selector, rows]) =>
                document.querySelectorAll(selector as string).length >= (rows as number)
                  ? performance.now()
                  : false,
              [ROWS, storage.accounts] as const,
              { polling: 'raf', timeout: TIMEOUT_MS },
            );
      const ms = (await handle.jsonValue()) as number;
      const rows = await tab.locator(ROWS).count();
      // A paint of the wrong list (empty, or a stale one) is not the figure asked for.
      if (rows !== storage.accounts) {
        throw new Error(`${page}: ${rows} rows painted, ${storage.accounts} accounts stored`);
      }
      if (load === 0) continue;
      loadsMs.push(ms);
      domReadyMs.push(
        await tab.evaluate(() => {
          const [navigation] = performance.getEntriesByType('navigation');
          return (navigation as PerformanceNavigationTiming).domContentLoadedEventEnd;
        }),
      );
    }
  } finally {
    await tab.close();
  }
  return {
    page,
    accounts: storage.accounts,
    signal: page === 'popup' ? 'mark:balances-painted' : 'dom:all-rows-in-raf',
    loadsMs,
    medianMs: median(loadsMs),
    domContentLoadedMs: median(domReadyMs),
  };
}
