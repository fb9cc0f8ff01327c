import AxeBuilder from '@axe-core/playwright';
import type { ElementHandle, Page } from 'playwright-core';
import type { Background, ExtensionBrowser, ResolvedLaunch } from './extension-browser';
import { extensionPage, type PageDriver } from './extension-page';
import { liveWorker } from './extension-state';
import { launchExtension } from './launch-extension';
import { callExpression } from './page-query';

/**
 * Chromium through Playwright. Playwright stays here (rather than puppeteer-core, which drives
 * Firefox) because it follows a restarted service worker: it reports the new worker, where
 * puppeteer keeps the stopped one's handle, whose evaluate hangs or finds no chrome.*.
 */

/**
 * Stops the extension's service worker the way Chrome does when it goes idle or is killed
 * (the "Stop" of chrome://serviceworker-internals), through the DevTools protocol.
 */
async function stopServiceWorker(page: Page, extensionId: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const stopped = new Promise<void>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        const ours = versions.filter((version) => version.scriptURL.includes(extensionId));
        if (ours.some((version) => version.runningStatus === 'stopped')) resolve();
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

async function element(page: Page, expression: string): Promise<ElementHandle> {
  const found = (await page.evaluateHandle(expression)).asElement();
  if (!found) throw new Error(`no element for ${expression.slice(0, 80)}…`);
  return found as ElementHandle;
}

function chromiumDriver(page: Page): PageDriver {
  return {
    evaluate: (expression) => page.evaluate(expression),
    click: async (expression) => (await element(page, expression)).click(),
    fill: async (expression, text) => (await element(page, expression)).fill(text),
    selectValue: async (expression, value) => {
      await (await element(page, expression)).selectOption({ value });
    },
    uploadFile: async (expression, file) =>
      (await element(page, expression)).setInputFiles({
        name: file.name,
        mimeType: file.mimeType ?? 'application/json',
        buffer: Buffer.from(file.text, 'utf8'),
      }),
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    async screenshot(path, viewport) {
      if (viewport) await page.setViewportSize(viewport);
      await page.screenshot({ path, fullPage: true });
    },
    setColorScheme: (colorScheme) => page.emulateMedia({ colorScheme }),
    bringToFront: () => page.bringToFront(),
    reload: async () => {
      await page.reload();
    },
    axe: async () => (await new AxeBuilder({ page }).analyze()).violations,
  };
}

/** Chromium with the build loaded (launch-extension.ts), behind the browser-neutral interface. */
export async function launchChromium(options: ResolvedLaunch): Promise<ExtensionBrowser> {
  const ext = await launchExtension({
    extensionPath: options.extensionPath,
    headless: options.headless,
    colorScheme: options.colorScheme,
  });
  const { context, extensionId } = ext;
  const background: Background = {
    evaluate: async <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) =>
      (await liveWorker(context, extensionId)).evaluate(callExpression(fn.toString(), arg)) as R,
    async stop() {
      const page = context.pages()[0] ?? (await context.newPage());
      await stopServiceWorker(page, extensionId);
    },
  };
  return {
    browser: 'chromium',
    background,
    async open(path) {
      const page = await context.newPage();
      await page.goto(ext.url(path));
      return extensionPage(chromiumDriver(page));
    },
    close: () => ext.close(),
    closed: () => new Promise((resolve) => context.once('close', () => resolve())),
  };
}
