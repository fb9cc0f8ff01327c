import { resolve } from 'node:path';
import { launchChromium } from './chromium';
import type { BrowserLaunchOptions, BrowserName, ExtensionBrowser } from './extension-browser';
import { launchFirefox } from './firefox';

/** Each browser's build, as `wxt build` and `wxt build -b firefox --mv3` write it. */
export const BUILD_DIRS: Record<BrowserName, string> = {
  chromium: '.output/chrome-mv3',
  firefox: '.output/firefox-mv3',
};

/** The command that makes each build: MV3 for Firefox too (wxt.config.ts). */
export const BUILD_COMMANDS: Record<BrowserName, string[]> = {
  chromium: ['wxt', 'build'],
  firefox: ['wxt', 'build', '-b', 'firefox', '--mv3'],
};

/** "chromium" or "firefox" from user input; anything else is an error that says what is allowed. */
export function browserName(text: string | undefined): BrowserName {
  const name = (text ?? 'chromium').toLowerCase();
  if (name === 'chromium' || name === 'chrome') return 'chromium';
  if (name === 'firefox') return 'firefox';
  throw new Error(`Unknown browser "${text}": use chromium or firefox.`);
}

/**
 * Starts the browser with the built extension installed. Both run in en-US, so amounts format
 * the same on every machine ("$420.50", not "420,50 $").
 */
export async function launchBrowser(options: BrowserLaunchOptions): Promise<ExtensionBrowser> {
  const settings = {
    extensionPath: resolve(options.extensionPath ?? BUILD_DIRS[options.browser]),
    headless: options.headless ?? true,
    colorScheme: options.colorScheme ?? 'light',
  };
  return options.browser === 'firefox' ? launchFirefox(settings) : launchChromium(settings);
}
