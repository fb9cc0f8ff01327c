import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';
import { CHROMIUM_MISSING, findChromium } from './find-chromium';

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker; evaluate() in it runs with chrome.* available. */
  worker: Worker;
  url(path: string): string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  extensionPath?: string;
  headless?: boolean;
  colorScheme?: 'light' | 'dark';
  /** Fixed so amounts format the same on every machine ("$420.50", not "420,50 $"). */
  locale?: string;
  /** A profile to reuse (a browser restart keeps what the last run stored); a fresh one if absent. */
  userDataDir?: string;
}

/**
 * Starts Chromium with the built extension loaded. Playwright disables extensions unless both
 * flags name the path; the background-networking flags keep Chromium from calling home, which
 * this machine's closed network refuses.
 */
export async function launchExtension(options: LaunchOptions = {}): Promise<LaunchedExtension> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_MISSING);
  const extensionPath = resolve(options.extensionPath ?? '.output/chrome-mv3');
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'balance-watch-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: options.headless ?? true,
    colorScheme: options.colorScheme ?? 'light',
    locale: options.locale ?? 'en-US',
    viewport: { width: 1000, height: 800 },
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--lang=${options.locale ?? 'en-US'}`,
    ],
  });
  // tsx (esbuild keepNames) wraps named functions inside page.evaluate callbacks in __name(),
  // which exists only in Node; give pages a no-op one so those callbacks run there too.
  await context.addInitScript('globalThis.__name ??= (fn) => fn;');
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    url: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    close: () => context.close(),
  };
}
