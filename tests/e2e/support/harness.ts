import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExtensionBrowser } from '../../../scripts/lib/extension-browser';
import type { ExtensionPage } from '../../../scripts/lib/extension-page';
import { BUILD_DIRS, browserName, launchBrowser } from '../../../scripts/lib/launch-browser';
import type { SimDataInput } from '../../sim/data/schema';
import { type Simulator, startSimulator } from '../../sim/server';

/** The browser under test: BW_BROWSER=firefox (npm run test:e2e:firefox) or Chromium. */
const BROWSER = browserName(process.env.BW_BROWSER);
export const IN_FIREFOX = BROWSER === 'firefox';

/** The build under test; BW_EXTENSION_PATH lets a run test a copy while .output is rebuilt. */
export const EXTENSION_PATH = resolve(process.env.BW_EXTENSION_PATH ?? BUILD_DIRS[BROWSER]);
const SCREENSHOT_DIR = resolve('test-results/e2e-screenshots', BROWSER);

/** The engine's alarm name (lib/engine/alarms.ts REFRESH_ALARM); tests fire it themselves. */
export const REFRESH_ALARM = 'balance-watch:refresh';

export interface Harness {
  sim: Simulator;
  ext: ExtensionBrowser;
  /** A new tab at one of the extension's pages (popup.html opens as a tab, as in the demo). */
  open(path: 'popup.html' | 'options.html'): Promise<ExtensionPage>;
  screenshot(page: ExtensionPage, name: string): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Simulator accounts; the demo data when absent. */
  data?: SimDataInput;
  colorScheme?: 'light' | 'dark';
  /** Names the screenshot folder. */
  suite: string;
}

/**
 * A simulator on a free port and a fresh browser profile with the built extension. The
 * simulator's clock stands still, so balances do not drift between a reading and the assertion.
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const frozen = Date.now();
  const sim = await startSimulator({ port: 0, data: options.data, now: () => frozen });
  let ext: ExtensionBrowser;
  try {
    ext = await launchBrowser({
      browser: BROWSER,
      extensionPath: EXTENSION_PATH,
      colorScheme: options.colorScheme,
    });
  } catch (error) {
    await sim.close();
    throw error;
  }
  const shots = join(SCREENSHOT_DIR, options.suite);
  mkdirSync(shots, { recursive: true });
  return {
    sim,
    ext,
    open: (path) => ext.open(path),
    screenshot: (page, name) => page.screenshot(join(shots, `${name}.png`)),
    async close() {
      await ext.close().catch(() => undefined);
      await sim.close();
    },
  };
}

/** The simulator's settings file, as a user would have saved it. */
export function settingsFileOf(sim: Simulator, name = 'balance-watch-demo.json') {
  return { name, text: `${JSON.stringify(sim.control.settingsFile(), null, 2)}\n` };
}
