import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import type { Background, ExtensionBrowser, ResolvedLaunch } from './extension-browser';
import {
  type AxeViolation,
  extensionPage,
  type FileInput,
  type PageDriver,
} from './extension-page';
import { FIREFOX_MISSING, findFirefox } from './find-firefox';
import {
  answerPermissionPrompt,
  COLOR_SCHEME_PREF,
  COLOR_SCHEME_VALUES,
  navigate,
  reload,
  setColorScheme,
  terminateBackground,
} from './firefox-bidi';
import { callExpression } from './page-query';

/**
 * Firefox through puppeteer-core over WebDriver BiDi (no geckodriver). The build is installed as
 * a temporary add-on; its UUID is fixed by a pref so its pages have a known address.
 */

/** axe-core's browser bundle, the one @axe-core/playwright injects into Chromium's pages. */
function axeSource(): string {
  const fromAxePlaywright = createRequire(
    createRequire(import.meta.url).resolve('@axe-core/playwright'),
  );
  return readFileSync(fromAxePlaywright.resolve('axe-core/axe.min.js'), 'utf8');
}

const RUN_AXE = `axe.run(document).then((result) => result.violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })),
})))`;

async function element(page: Page, expression: string): Promise<ElementHandle> {
  const found = (await page.evaluateHandle(expression)).asElement();
  if (!found) throw new Error(`no element for ${expression.slice(0, 80)}…`);
  return found as ElementHandle;
}

/** What the pages of one browser share. */
interface Session {
  /** The tab in front: the one a user acts in. */
  front?: Page;
  /** Where files to upload are written; removed with the browser. */
  uploadDir: string;
}

/**
 * Firefox throttles timers in background tabs (axe-core's queue, for one, slows to a crawl), so
 * the page is brought to the front before anything is done in it, as a user would first switch
 * to it. Reading a page (evaluate) leaves the tabs as they are.
 */
function firefoxDriver(browser: Browser, page: Page, session: Session): PageDriver {
  const act = async <T>(then: () => Promise<T>): Promise<T> => {
    if (session.front !== page) {
      await page.bringToFront();
      session.front = page;
    }
    return then();
  };
  return {
    evaluate: (expression) => page.evaluate(expression),
    click: (expression) => act(async () => (await element(page, expression)).click()),
    fill: (expression, text) => act(() => fillField(page, expression, text)),
    selectValue: (expression, value) =>
      act(async () => {
        await (await element(page, expression)).select(value);
      }),
    uploadFile: (expression, file) =>
      act(() => uploadFile(page, expression, file, session.uploadDir)),
    press: (key) => act(() => page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0])),
    type: (text) => act(() => page.keyboard.type(text)),
    screenshot: (path, viewport) =>
      act(async () => {
        if (viewport) await page.setViewport(viewport);
        await page.screenshot({ path: path as `${string}.png`, fullPage: true });
      }),
    setColorScheme: (scheme) => setPageColorScheme(browser, page, scheme),
    bringToFront: () => act(async () => undefined),
    reload: () => reload(browser, page),
    axe: () =>
      act(async () => {
        if (!(await page.evaluate(`typeof axe === 'object'`))) await page.evaluate(axeSource());
        return (await page.evaluate(RUN_AXE)) as AxeViolation[];
      }),
  };
}

async function fillField(page: Page, expression: string, text: string): Promise<void> {
  await page.evaluate(`((e) => { e.focus(); e.select?.(); })(${expression})`);
  await page.keyboard.type(text);
}

async function uploadFile(page: Page, expression: string, file: FileInput, dir: string) {
  const path = join(mkdtempSync(join(dir, 'file-')), file.name);
  writeFileSync(path, file.text, 'utf8');
  const input = (await element(page, expression)) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(path);
}

/** Switches the scheme and waits until this page's media queries say so. */
async function setPageColorScheme(browser: Browser, page: Page, scheme: 'light' | 'dark') {
  await setColorScheme(browser, scheme);
  const query = `matchMedia('(prefers-color-scheme: dark)').matches === ${scheme === 'dark'}`;
  for (let tries = 0; !(await page.evaluate(query)); tries++) {
    if (tries > 50) throw new Error(`the page never switched to ${scheme}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The event page's own chrome.*, reached from an open extension page through
 * runtime.getBackgroundPage() (which starts a stopped event page, as any event would). Results
 * cross from the event page's realm as JSON.
 */
function viaEventPage(fn: string, arg: unknown): string {
  return `(async () => {
    const eventPage = await browser.runtime.getBackgroundPage();
    const result = await ((chrome) => ${callExpression(fn, arg)})(eventPage.browser);
    return result === undefined ? undefined : JSON.parse(JSON.stringify(result));
  })()`;
}

function geckoIdOf(extensionPath: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'manifest.json'), 'utf8'));
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string')
    throw new Error(`${extensionPath} is not a Firefox build (no gecko id)`);
  return id;
}

/** Firefox headless (or not) with the prefs the pages and tests rely on; nothing installed yet. */
async function startFirefox(options: ResolvedLaunch, addonId: string, uuid: string) {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(FIREFOX_MISSING);
  const log = Boolean(process.env.BW_BROWSER_LOG);
  return puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless,
    // Lets BiDi open moz-extension:// pages and run privileged code (firefox-bidi.ts).
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1000, height: 800 },
    dumpio: log,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: uuid }),
      // Without D-Bus the system notifier closes every notification at once; Firefox's own
      // stays until it is dismissed or its time is up (long enough for any test).
      'alerts.useSystemBackend': false,
      'alerts.totalOpenTime': 600_000,
      [COLOR_SCHEME_PREF]: COLOR_SCHEME_VALUES[options.colorScheme],
      'intl.locale.requested': 'en-US',
      'intl.accept_languages': 'en-US',
      'intl.regional_prefs.use_os_locales': false,
      // BW_BROWSER_LOG=1: the pages' and the event page's console on this process's output.
      'devtools.console.stdout.content': log,
      'devtools.console.stdout.chrome': log,
    },
  });
}

export async function launchFirefox(options: ResolvedLaunch): Promise<ExtensionBrowser> {
  const addonId = geckoIdOf(options.extensionPath);
  const uuid = randomUUID();
  const browser = await startFirefox(options, addonId, uuid);
  try {
    await browser.installExtension(options.extensionPath);
  } catch (error) {
    await browser.close();
    throw error;
  }
  const opened: Page[] = [];
  const session: Session = { uploadDir: mkdtempSync(join(tmpdir(), 'balance-watch-upload-')) };
  const background: Background = {
    async evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) {
      const bridge = opened.findLast((page) => !page.isClosed());
      if (!bridge) throw new Error('open an extension page first: it reaches the event page');
      return (await bridge.evaluate(viaEventPage(fn.toString(), arg))) as R;
    },
    stop: () => terminateBackground(browser, addonId),
  };
  return {
    browser: 'firefox',
    background,
    async open(path) {
      const page = await browser.newPage();
      await navigate(browser, page, `moz-extension://${uuid}/${path.replace(/^\//, '')}`);
      opened.push(page);
      session.front = page;
      return extensionPage(firefoxDriver(browser, page, session));
    },
    async close() {
      await browser.close();
      rmSync(session.uploadDir, { recursive: true, force: true });
    },
    closed: () => new Promise((resolve) => browser.once('disconnected', () => resolve())),
    answerPermissionPrompt: (answer) => answerPermissionPrompt(browser, answer),
  };
}
