import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { type LaunchedExtension, launchExtension } from '../../../scripts/lib/launch-extension';
import { loadSimData } from '../../sim/data/load';
import type { SimDataInput } from '../../sim/data/schema';
import { type Simulator, startSimulator } from '../../sim/server';

/** The build under test; BW_EXTENSION_PATH lets a run test a copy while .output is rebuilt. */
export const EXTENSION_PATH = resolve(process.env.BW_EXTENSION_PATH ?? '.output/chrome-mv3');
export const SCREENSHOT_DIR = resolve('test-results/e2e-screenshots');

/** The engine's alarm name (lib/engine/alarms.ts REFRESH_ALARM); tests fire it themselves. */
export const REFRESH_ALARM = 'balance-watch:refresh';

export interface Harness {
  sim: Simulator;
  ext: LaunchedExtension;
  /** A new tab at one of the extension's pages (popup.html opens as a tab, as in the demo). */
  open(path: 'popup.html' | 'options.html'): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
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
  let ext: LaunchedExtension;
  try {
    ext = await launchExtension({
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
    async open(path) {
      const page = await ext.context.newPage();
      await page.goto(ext.url(path));
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    },
    async close() {
      await ext.close().catch(() => undefined);
      await sim.close();
    },
  };
}

/** The demo data with changes to some accounts (by simulator id). */
export function demoDataWith(changes: Record<string, Record<string, unknown>>): SimDataInput {
  const data = loadSimData();
  return {
    accounts: data.accounts.map((account) => ({ ...account, ...changes[account.id] })),
  } as SimDataInput;
}

/** The simulator's settings file, as a user would have saved it. */
export function settingsFileOf(sim: Simulator, name = 'balance-watch-demo.json') {
  return { name, text: `${JSON.stringify(sim.control.settingsFile(), null, 2)}\n` };
}
