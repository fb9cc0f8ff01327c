import {
  callExpression,
  describeQuery,
  elementsExpression,
  firstElementExpression,
  type Query,
} from './page-query';

/** A file as a user picks it in a file input. */
export interface FileInput {
  /** Shown in the page ("Importing demo.json will:"). */
  name: string;
  text: string;
  mimeType?: string;
}

/** One axe rule broken on a page, with the selectors of the elements that break it. */
export interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * What one browser library does with a tab showing an extension page. Elements are named by page
 * expressions (page-query.ts), so the libraries never need to agree on how to find them.
 */
export interface PageDriver {
  /** Evaluates a page expression; a promise is awaited. The result must be JSON. */
  evaluate(expression: string): Promise<unknown>;
  /** A real mouse click at the centre of the element the expression yields. */
  click(element: string): Promise<void>;
  /** Focuses the element, selects what it holds and types `text` over it, key by key. */
  fill(element: string, text: string): Promise<void>;
  /** Chooses the option with this value in a <select>. */
  selectValue(element: string, value: string): Promise<void>;
  uploadFile(element: string, file: FileInput): Promise<void>;
  /** One key ("Tab", "Enter") to whatever has focus. */
  press(key: string): Promise<void>;
  /** Text to whatever has focus, key by key. */
  type(text: string): Promise<void>;
  screenshot(path: string, viewport?: { width: number; height: number }): Promise<void>;
  setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  bringToFront(): Promise<void>;
  reload(): Promise<void>;
  axe(): Promise<AxeViolation[]>;
}

/**
 * A tab showing one of the extension's pages, driven as a user drives it. The same interface in
 * Chromium and Firefox; every method that takes a Query waits for it to match first.
 */
export interface ExtensionPage {
  waitFor(query: Query, options?: { timeoutMs?: number }): Promise<void>;
  /** How many elements match now (no waiting). */
  count(query: Query): Promise<number>;
  /** The first match's text, whitespace collapsed. */
  text(query: Query): Promise<string>;
  isEnabled(query: Query): Promise<boolean>;
  click(query: Query): Promise<void>;
  fill(query: Query, text: string): Promise<void>;
  /** Chooses a <select>'s option by its visible text. */
  selectOption(query: Query, label: string): Promise<void>;
  uploadFile(query: Query, file: FileInput): Promise<void>;
  press(key: string): Promise<void>;
  type(text: string): Promise<void>;
  /**
   * Runs `fn(arg)` in the page, where the extension's APIs are. `fn` goes as source: it may use
   * only its argument and the page's globals; `arg` and the result must be JSON.
   */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** A full-page PNG, at `viewport` when given (the popup is shot at its panel size). */
  screenshot(path: string, viewport?: { width: number; height: number }): Promise<void>;
  setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  bringToFront(): Promise<void>;
  reload(): Promise<void>;
  /** axe-core's violations for the page as it is now. */
  axe(): Promise<AxeViolation[]>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

async function waitForMatch(driver: PageDriver, query: Query, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const expression = `(${elementsExpression(query)}).length`;
  while ((await driver.evaluate(expression)) === 0) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${describeQuery(query)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A page expression for a property of the first match (the query has been waited for). */
function onFirst(query: Query, body: string): string {
  return `((element) => ${body})(${firstElementExpression(query)})`;
}

/**
 * Where the element's centre is now, scrolled into view, and whether a click there reaches it
 * (nothing drawn over it); null when it is gone.
 */
const CLICK_POINT = `(() => {
  if (!element) return null;
  element.scrollIntoView({ block: 'center', inline: 'center' });
  const box = element.getBoundingClientRect();
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  const hit = document.elementFromPoint(x, y);
  return { x, y, reached: hit !== null && (hit === element || element.contains(hit)) };
})()`;

/**
 * Waits until a click on the query's first match would land on it, as a user's would: it stands
 * still (the same place twice in a row, no layout still moving it) and nothing covers it (a
 * toast). Both browsers' clicks are real mouse events at a point, so this is what makes them hit.
 */
async function waitClickable(driver: PageDriver, query: Query): Promise<void> {
  const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
  let last = '';
  for (;;) {
    const point = (await driver.evaluate(onFirst(query, CLICK_POINT))) as {
      x: number;
      y: number;
      reached: boolean;
    } | null;
    const here = point ? `${point.x},${point.y}` : '';
    if (point?.reached && here === last) return;
    if (Date.now() > deadline) {
      throw new Error(`${describeQuery(query)} never became clickable (moving or covered)`);
    }
    last = here;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The one ExtensionPage implementation; each browser supplies only its PageDriver. */
export function extensionPage(driver: PageDriver): ExtensionPage {
  const ready = async (query: Query) => {
    await waitForMatch(driver, query, DEFAULT_TIMEOUT_MS);
    return firstElementExpression(query);
  };
  return {
    waitFor: (query, options) =>
      waitForMatch(driver, query, options?.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    count: async (query) => Number(await driver.evaluate(`(${elementsExpression(query)}).length`)),
    async text(query) {
      await ready(query);
      const text = await driver.evaluate(onFirst(query, 'element.textContent'));
      return String(text ?? '')
        .replace(/\s+/g, ' ')
        .trim();
    },
    async isEnabled(query) {
      await ready(query);
      return (await driver.evaluate(onFirst(query, '!element.disabled'))) === true;
    },
    async click(query) {
      const element = await ready(query);
      await waitClickable(driver, query);
      await driver.click(element);
    },
    fill: async (query, text) => driver.fill(await ready(query), text),
    async selectOption(query, label) {
      const element = await ready(query);
      const value = await driver.evaluate(
        onFirst(
          query,
          `[...element.options].find((o) => o.label.replace(/\\s+/g, ' ').trim() === ${JSON.stringify(label)})?.value ?? null`,
        ),
      );
      if (typeof value !== 'string') {
        throw new Error(`${describeQuery(query)} has no option ${JSON.stringify(label)}`);
      }
      await driver.selectValue(element, value);
    },
    uploadFile: async (query, file) => driver.uploadFile(await ready(query), file),
    press: (key) => driver.press(key),
    type: (text) => driver.type(text),
    evaluate: async <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) =>
      (await driver.evaluate(callExpression(fn.toString(), arg))) as R,
    screenshot: (path, viewport) => driver.screenshot(path, viewport),
    setColorScheme: (scheme) => driver.setColorScheme(scheme),
    bringToFront: () => driver.bringToFront(),
    reload: () => driver.reload(),
    axe: () => driver.axe(),
  };
}
