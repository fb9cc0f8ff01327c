import type { Browser, Page } from 'puppeteer-core';

/**
 * The WebDriver BiDi commands puppeteer-core does not wrap for extension pages. Puppeteer waits
 * for a load event that moz-extension:// pages never send it (puppeteer issue 14314), so
 * navigation and reload are sent here with `wait: 'complete'`; and the browser's own chrome
 * window (allowed by --remote-allow-system-access) runs what only privileged code may do.
 */

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

/** Puppeteer's BiDi connection; not in its public types, so checked rather than assumed. */
function connectionOf(browser: Browser): BidiConnection {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (typeof connection?.send !== 'function') {
    throw new Error('puppeteer-core no longer exposes its BiDi connection; see firefox-bidi.ts');
  }
  return connection;
}

/** The page's BiDi browsing context id (puppeteer keeps it on the main frame). */
function contextOf(page: Page): string {
  const id = (page.mainFrame() as unknown as { _id?: unknown })._id;
  if (typeof id !== 'string') throw new Error('puppeteer-core no longer keeps the context id');
  return id;
}

export async function navigate(browser: Browser, page: Page, url: string): Promise<void> {
  await connectionOf(browser).send('browsingContext.navigate', {
    context: contextOf(page),
    url,
    wait: 'complete',
  });
}

export async function reload(browser: Browser, page: Page): Promise<void> {
  await connectionOf(browser).send('browsingContext.reload', {
    context: contextOf(page),
    wait: 'complete',
  });
}

interface EvaluateResult {
  type: 'success' | 'exception';
  result?: { type: string; value?: unknown };
  exceptionDetails?: { text?: string };
}

/**
 * Evaluates `expression` in Firefox's browser window, with Services and ChromeUtils; a promise is
 * awaited. Returns a primitive result (strings, numbers, booleans) or undefined.
 */
async function privileged(browser: Browser, expression: string): Promise<unknown> {
  const connection = connectionOf(browser);
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' }))
    .result as { contexts: { context: string }[] };
  const context = tree.contexts[0]?.context;
  if (!context) throw new Error('Firefox shows no browser window to run privileged code in');
  const answer = (
    await connection.send('script.evaluate', {
      expression,
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
    })
  ).result as EvaluateResult;
  if (answer.type === 'exception') {
    throw new Error(`Privileged code failed: ${answer.exceptionDetails?.text ?? 'unknown error'}`);
  }
  return answer.result?.value;
}

/** ExtensionParent, where Firefox keeps its extensions' background pages. */
const EXTENSION_PARENT =
  "ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs').ExtensionParent";

/**
 * Terminates the extension's event page, as about:debugging's "Terminate background script"
 * does and as Firefox does when the page has been idle; its next event starts it again.
 */
export async function terminateBackground(browser: Browser, addonId: string): Promise<void> {
  const id = JSON.stringify(addonId);
  await privileged(browser, `${EXTENSION_PARENT}.DebugUtils.terminateBackgroundScript(${id})`);
  const running = await privileged(
    browser,
    `${EXTENSION_PARENT}.DebugUtils.isBackgroundScriptRunning(${id})`,
  );
  if (running !== false) throw new Error(`the event page still runs after terminating it`);
}

/** Switches prefers-color-scheme for every page, as the system's dark mode would. */
export async function setColorScheme(browser: Browser, scheme: 'light' | 'dark'): Promise<void> {
  await privileged(
    browser,
    `Services.prefs.setIntPref(${JSON.stringify(COLOR_SCHEME_PREF)}, ${COLOR_SCHEME_VALUES[scheme]})`,
  );
}

/** The pref behind prefers-color-scheme in content, and its values. */
export const COLOR_SCHEME_PREF = 'layout.css.prefers-color-scheme.content-override';
export const COLOR_SCHEME_VALUES = { dark: 0, light: 1 } as const;

/** The permission prompt of an add-on, as PopupNotifications shows it in the browser window. */
const PROMPT = `PopupNotifications._currentNotifications.find((n) => n.id === 'addon-webext-permissions')`;
const PROMPT_TEXT = `document.getElementById('addon-webext-permissions-notification')?.textContent.replace(/\\s+/g, ' ').trim()`;

/**
 * Waits for the add-on permission prompt ("Balance Watch requests additional settings … Access
 * your data for sites in … domains") and answers it as a user clicks Allow or Deny. Resolves
 * with the words it showed.
 */
export async function answerPermissionPrompt(
  browser: Browser,
  answer: 'allow' | 'deny',
): Promise<string> {
  const deadline = Date.now() + 10_000;
  while ((await privileged(browser, `Boolean(${PROMPT})`)) !== true) {
    if (Date.now() > deadline) throw new Error('no permission prompt appeared within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const text = String((await privileged(browser, `${PROMPT_TEXT} ?? ''`)) ?? '');
  const action = answer === 'allow' ? 'mainAction' : 'secondaryActions[0]';
  await privileged(
    browser,
    `(() => { const n = ${PROMPT}; n.${action}.callback(); n.remove(); })()`,
  );
  return text;
}
